package dev.sio4j.servlet;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** An engine served by {@link SocketIoServlet} in a container on a free port, with a recording, echoing listener. */
final class TestServer implements AutoCloseable {
  final RecordingListener events;
  final EngineServer engine;
  final SocketIoServlet servlet;
  private final Container.Running running;

  private TestServer(RecordingListener events, EngineServer engine, SocketIoServlet servlet,
      Container.Running running) {
    this.events = events;
    this.engine = engine;
    this.servlet = servlet;
    this.running = running;
  }

  static TestServer start(Container container) throws Exception {
    return start(container, b -> b);
  }

  static TestServer start(Container container, UnaryOperator<EngineOptions.Builder> options, HttpHandler... handlers)
      throws Exception {
    return start(container, options, Map.of(), 0, handlers);
  }

  static TestServer start(Container container, UnaryOperator<EngineOptions.Builder> options,
      Map<String, HttpServlet> extra, int maxThreads, HttpHandler... handlers) throws Exception {
    RecordingListener events = new RecordingListener();
    EngineServer engine = new EngineServer(options.apply(EngineOptions.builder()).build(), events);
    AtomicReference<SocketIoServlet> servlet = new AtomicReference<>();
    Container.Running running = container.start(
        (classes, context) -> servlet.set(SocketIoServlet.register(context, engine, List.of(handlers))),
        extra, maxThreads);
    return new TestServer(events, engine, servlet.get(), running);
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
