package dev.sio4j.servlet;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.servlet.internal.EngineServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Serves a {@link SocketIoServer} from a Jakarta Servlet 6.0 container (Tomcat 11, Jetty 12 ee10, Undertow, Spring
 * Boot's embedded servers): Engine.IO long-polling with the Servlet's asynchronous non-blocking I/O, the upgrade to
 * WebSocket through the container's Jakarta WebSocket 2.1 {@code ServerContainer}, and the server's
 * {@linkplain SocketIoServer#httpHandlers() HTTP handlers} (the browser client at {@code /socket.io/socket.io.js}).
 *
 * <pre>{@code
 * // in a ServletContainerInitializer, a ServletContextListener, or Spring Boot's ServletContextInitializer
 * SocketIoServer io = SocketIoServer.create();
 * io.onConnection(socket -> socket.on("hello", event -> event.ack("world")));
 * SocketIoServlet.register(servletContext, io);
 * }</pre>
 *
 * <p>The container owns the port, its threads and TLS: {@link SocketIoServer#listen} is not used. A held long-polling
 * GET holds no container thread; a WebSocket handshake holds its request thread only while the application's
 * {@code allowRequest} decides (at most 10 seconds, then 503). WebSocket messages over
 * {@link dev.sio4j.engine.EngineOptions#maxPayload()} close the connection with 1009; per-message deflate is
 * negotiated by the container when {@link dev.sio4j.engine.EngineOptions#perMessageDeflate()} is on.
 *
 * <p>Lifecycle: {@link #register} adds the servlet to a context that is being initialized; {@link #close()} (or the
 * container destroying the servlet) refuses new requests with 503 and closes the WebSockets still open with 1001. The
 * {@link SocketIoServer} is not closed by either: close it first ({@link SocketIoServer#close()}, e.g. in
 * {@code contextDestroyed}) so that clients are told the server is shutting down. Thread-safety: every method may be
 * called from any thread.
 */
public final class SocketIoServlet implements AutoCloseable {
  private final EngineServlet servlet;
  private final String urlPattern;

  private SocketIoServlet(EngineServlet servlet, String urlPattern) {
    this.servlet = servlet;
    this.urlPattern = urlPattern;
  }

  /**
   * Adds to {@code context} the servlet serving {@code io}, asynchronous, mapped to {@link #urlPattern(SocketIoServer)}
   * (the server's path with {@code *}, by default {@code /socket.io/*}) and named {@code sio4j:<path>}.
   *
   * <p>Call while the context is being initialized: from {@code ServletContainerInitializer.onStartup}, a declared
   * {@code ServletContextListener.contextInitialized} or Spring Boot's {@code ServletContextInitializer.onStartup}
   * (Servlet 6.0 section 4.4: servlets cannot be added to a context that has started).
   *
   * @throws IllegalStateException when the context has started, or a servlet of that name or a mapping of that
   *     pattern is already there
   */
  public static SocketIoServlet register(ServletContext context, SocketIoServer io) {
    Objects.requireNonNull(io, "io");
    return register(context, io.engine(), io.httpHandlers());
  }

  /**
   * As {@link #register(ServletContext, SocketIoServer)}, for an Engine.IO server used without Socket.IO: requests go
   * to {@code handlers} in order, then to {@code engine}; the mapping is the engine's path with {@code *}.
   */
  public static SocketIoServlet register(ServletContext context, EngineServer engine, List<HttpHandler> handlers) {
    Objects.requireNonNull(context, "context");
    String pattern = urlPattern(engine.options().path());
    EngineServlet servlet = new EngineServlet(engine, handlers);
    ServletRegistration.Dynamic registration = context.addServlet("sio4j:" + engine.options().path(), servlet);
    if (registration == null) {
      throw new IllegalStateException("a servlet for " + engine.options().path() + " is already registered");
    }
    registration.setAsyncSupported(true);
    Set<String> conflicts = registration.addMapping(pattern);
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException(pattern + " is already mapped to another servlet");
    }
    return new SocketIoServlet(servlet, pattern);
  }

  /**
   * A new servlet serving {@code io}, for callers that register it themselves (e.g. Spring Boot's
   * {@code ServletRegistrationBean}): map it to {@link #urlPattern(SocketIoServer)} and mark it asynchronous
   * ({@code setAsyncSupported(true)}), or long-polling fails. The container's {@code destroy()} closes it.
   */
  public static HttpServlet servlet(SocketIoServer io) {
    return new EngineServlet(io.engine(), io.httpHandlers());
  }

  /** The URL pattern that the servlet of {@code io} is mapped to: its path with {@code *}, e.g. {@code /socket.io/*}. */
  public static String urlPattern(SocketIoServer io) {
    return urlPattern(io.engine().options().path());
  }

  private static String urlPattern(String path) {
    // the options guarantee a leading and a trailing slash; "/socket.io/*" also matches "/socket.io" (section 12.2)
    return path + "*";
  }

  /** The URL pattern the servlet is mapped to. */
  public String urlPattern() {
    return urlPattern;
  }

  /** The number of WebSocket connections open through this servlet. */
  public int openWebSockets() {
    return servlet.openWebSockets();
  }

  /**
   * Refuses new requests with 503 and closes the WebSockets still open with 1001 (going away); the container's own
   * shutdown does the same. Does not close the {@link SocketIoServer}. Idempotent.
   */
  @Override
  public void close() {
    servlet.shutdown();
  }
}
