package dev.sio4j.servlet;

import dev.sio4j.server.SocketIoServer;
import jakarta.servlet.http.HttpServlet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link SocketIoServer} registered with {@link SocketIoServlet#register} in a container on a free port. */
final class SocketIoTestServer implements AutoCloseable {
  final SocketIoServer io;
  final SocketIoServlet servlet;
  private final Container.Running running;

  private SocketIoTestServer(SocketIoServer io, SocketIoServlet servlet, Container.Running running) {
    this.io = io;
    this.servlet = servlet;
    this.running = running;
  }

  static SocketIoTestServer start(Container container, SocketIoServer io) throws Exception {
    return start(container, io, Map.of(), 0);
  }

  static SocketIoTestServer start(Container container, SocketIoServer io, Map<String, HttpServlet> extra,
      int maxThreads) throws Exception {
    AtomicReference<SocketIoServlet> servlet = new AtomicReference<>();
    Container.Running running = container.start((classes, context) -> servlet.set(SocketIoServlet.register(context, io)),
        extra, maxThreads);
    return new SocketIoTestServer(io, servlet.get(), running);
  }

  int port() {
    return running.port();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Closes the server (sockets told "server shutting down"), then the servlet, then the container. */
  @Override
  public void close() throws Exception {
    io.close();
    servlet.close();
    running.close();
  }
}
