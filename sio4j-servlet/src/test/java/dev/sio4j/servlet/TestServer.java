package dev.sio4j.servlet;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.testing.binding.BindingServer;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A {@link BindingServer} in a Servlet container, with the {@link SocketIoServlet} that serves the engine. */
final class TestServer extends BindingServer {
  final SocketIoServlet servlet;

  private TestServer(Container container, UnaryOperator<EngineOptions.Builder> options,
      Map<String, HttpServlet> extra, int maxThreads, HttpHandler... handlers) throws Exception {
    super((engine, list) -> container.starter(engine, list, extra, maxThreads), options, handlers);
    this.servlet = ((Container.Started) running()).servlet();
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
    return new TestServer(container, options, extra, maxThreads, handlers);
  }
}
