package dev.sio4j.testing.binding;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import java.net.URI;
import java.util.List;
import java.util.function.UnaryOperator;

/** An engine served by the binding under test on a free port, with a recording (by default echoing) listener. */
final class BindingServer implements AutoCloseable {
  final RecordingListener events;
  final EngineServer engine;
  private final BindingStarter.Running running;

  private BindingServer(RecordingListener events, EngineServer engine, BindingStarter.Running running) {
    this.events = events;
    this.engine = engine;
    this.running = running;
  }

  static BindingServer start(BindingStarter starter) throws Exception {
    return start(starter, b -> b);
  }

  static BindingServer start(BindingStarter starter, UnaryOperator<EngineOptions.Builder> options,
      HttpHandler... handlers) throws Exception {
    RecordingListener events = new RecordingListener();
    EngineServer engine = new EngineServer(options.apply(EngineOptions.builder()).build(), events);
    return new BindingServer(events, engine, starter.start(engine, List.of(handlers)));
  }

  int port() {
    return running.port();
  }

  /** {@code http://127.0.0.1:<port>/engine.io/?EIO=4&<query>}. */
  String url(String query) {
    return "http://127.0.0.1:" + port() + engine.options().path() + "?EIO=4&" + query;
  }

  String pollingUrl(String sid) {
    return url("transport=polling&sid=" + sid);
  }

  URI ws(String query) {
    return URI.create("ws://127.0.0.1:" + port() + engine.options().path() + "?EIO=4&transport=websocket" + query);
  }

  @Override
  public void close() throws Exception {
    engine.close();
    running.close();
  }
}
