package dev.sio4j.testing.binding;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An engine served by the binding under test on a free port, with a recording (by default echoing) listener. A
 * binding module's own tests extend it to reach what only that binding has (the Netty server, the servlet) through
 * {@link #running()}.
 */
public class BindingServer implements AutoCloseable {
  /** The engine's listener. */
  public final RecordingListener events;
  /** The engine the binding serves. */
  public final EngineServer engine;
  private final BindingStarter.Running running;

  /** Builds the engine from {@code options} and starts {@code starter} with it and {@code handlers}. */
  protected BindingServer(BindingStarter starter, UnaryOperator<EngineOptions.Builder> options,
      HttpHandler... handlers) throws Exception {
    this.events = new RecordingListener();
    this.engine = new EngineServer(options.apply(EngineOptions.builder()).build(), events);
    this.running = starter.start(engine, List.of(handlers));
  }

  /** The engine with default options, served by {@code starter}. */
  public static BindingServer start(BindingStarter starter) throws Exception {
    return start(starter, b -> b);
  }

  /** The engine with {@code options}, served by {@code starter} after {@code handlers}. */
  public static BindingServer start(BindingStarter starter, UnaryOperator<EngineOptions.Builder> options,
      HttpHandler... handlers) throws Exception {
    return new BindingServer(starter, options, handlers);
  }

  /** What the starter returned. */
  protected BindingStarter.Running running() {
    return running;
  }

  /** The port the binding listens on. */
  public int port() {
    return running.port();
  }

  /** {@code http://127.0.0.1:<port>/engine.io/?EIO=4&<query>}. */
  public String url(String query) {
    return "http://127.0.0.1:" + port() + engine.options().path() + "?EIO=4&" + query;
  }

  /** The long-polling URL of session {@code sid}. */
  public String pollingUrl(String sid) {
    return url("transport=polling&sid=" + sid);
  }

  /** {@code ws://127.0.0.1:<port>/engine.io/?EIO=4&transport=websocket<query>}. */
  public URI ws(String query) {
    return URI.create("ws://127.0.0.1:" + port() + engine.options().path() + "?EIO=4&transport=websocket" + query);
  }

  /** Closes the engine (its sessions hear "server shutting down"), then the binding. */
  @Override
  public void close() throws Exception {
    engine.close();
    running.close();
  }
}
