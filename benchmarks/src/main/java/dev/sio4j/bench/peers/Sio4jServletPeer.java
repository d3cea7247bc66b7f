package dev.sio4j.bench.peers;

import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.servlet.SocketIoServlet;
import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * sio4j as a benchmark peer in an embedded Servlet container, Tomcat 11 or Jetty 12 (ee10): the same
 * {@code SocketIoServer}, default options and events as {@link Sio4jPeer}, registered with
 * {@link SocketIoServlet#register} instead of listening on the embedded Netty server.
 *
 * <p>The containers keep their defaults (threads: at most 200 in both, far more than one pinned core can use; idle
 * timeouts; buffers) except for two limits on accepting connections, set to what the Netty server has so that the
 * connect scenario measures the binding rather than a queue size:
 * <ul>
 *   <li>the accept backlog: 1024 (the Netty server's default), where Tomcat asks for 100 and Jetty for the JDK's
 *       50. With 256 handshakes in flight a shorter queue overflows, and each dropped SYN costs its client a
 *       one-second retransmission;</li>
 *   <li>Tomcat's {@code maxConnections}: unlimited (-1), as in Netty and Jetty, where Tomcat stops accepting at 8,192
 *       open connections, fewer than the connect scenario's 10,000.</li>
 * </ul>
 *
 * <p>Lifecycle: {@link #start} starts the container, {@link #close} closes the {@code SocketIoServer} first (clients
 * hear it shut down, as the servlet's documentation asks), then stops the container.
 */
public final class Sio4jServletPeer implements PeerMain.Peer {
  /** The Netty server's default accept backlog, given to both containers. */
  static final int BACKLOG = 1024;

  private final SocketIoServer io;
  private final int port;
  private final AutoCloseable container;

  private Sio4jServletPeer(SocketIoServer io, int port, AutoCloseable container) {
    this.io = io;
    this.port = port;
    this.container = container;
  }

  /** Starts {@code container} ({@code tomcat} or {@code jetty}) on 127.0.0.1:{@code port} (0 for any free port). */
  public static Sio4jServletPeer start(String container, int port) throws Exception {
    return start(container, port, ServerOptions.defaults());
  }

  /** The same with {@code options} instead of the defaults. */
  public static Sio4jServletPeer start(String container, int port, ServerOptions options) throws Exception {
    SocketIoServer io = SocketIoServer.create(options);
    Sio4jPeer.serve(io);
    // Servlets are added while the context initializes (Servlet 6.0 section 4.4), hence an initializer.
    ServletContainerInitializer app = (classes, context) -> SocketIoServlet.register(context, io);
    try {
      return switch (container) {
        case "tomcat" -> tomcat(io, port, app);
        case "jetty" -> jetty(io, port, app);
        default -> throw new IllegalArgumentException("container is tomcat or jetty: " + container);
      };
    } catch (Exception e) {
      io.close();
      throw e;
    }
  }

  private static Sio4jServletPeer tomcat(SocketIoServer io, int port, ServletContainerInitializer app)
      throws Exception {
    Tomcat tomcat = new Tomcat();
    Path base = Files.createTempDirectory("sio4j-bench-tomcat");
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("acceptCount", Integer.toString(BACKLOG));
    connector.setProperty("maxConnections", "-1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    String buffers = System.getenv("SIO4J_BENCH_TOMCAT_WS_BUFFERS");
    if (buffers != null && !buffers.isBlank()) {
      // Tomcat's per-connection buffers, all container-wide: each WebSocket session's message buffers (context
      // parameters read by its WebSocket container), and each connection's socket buffers (connector properties).
      // The I/O buffers of WebSocket sessions follow the system property
      // org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE (--jvm-opts).
      context.addParameter("org.apache.tomcat.websocket.textBufferSize", buffers.trim());
      context.addParameter("org.apache.tomcat.websocket.binaryBufferSize", buffers.trim());
      connector.setProperty("socket.appReadBufSize", buffers.trim());
      connector.setProperty("socket.appWriteBufSize", buffers.trim());
    }
    // Tomcat's WebSocket container (the ServerContainer context attribute), then the app
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(app, null);
    tomcat.start();
    return new Sio4jServletPeer(io, connector.getLocalPort(), () -> {
      tomcat.stop();
      tomcat.destroy();
      // every run makes a base directory: leave none behind
      try (java.util.stream.Stream<Path> files = Files.walk(base)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    });
  }

  private static Sio4jServletPeer jetty(SocketIoServer io, int port, ServletContainerInitializer app)
      throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    connector.setAcceptQueueSize(BACKLOG);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    // Jetty's Jakarta WebSocket container (the ServerContainer context attribute), then the app
    JakartaWebSocketServletContainerInitializer.configure(context, null);
    context.addServletContainerInitializer(app);
    server.setHandler(context);
    server.start();
    return new Sio4jServletPeer(io, connector.getLocalPort(), server::stop);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() {
    io.close();
    try {
      container.close();
    } catch (Exception e) {
      // the process exits next: a container that fails to stop holds nothing the runner needs
      System.err.println("container did not stop cleanly: " + e);
    }
  }

  /**
   * {@code args}: the container ({@code tomcat} or {@code jetty}), the port (default 0), and a maxPayload in bytes
   * (default: the engine's).
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: Sio4jServletPeer tomcat|jetty [port [maxPayload]]");
    }
    String container = args[0];
    ServerOptions options = ServerOptions.defaults();
    if (args.length > 2) {
      options = options.toBuilder()
          .engine(options.engine().toBuilder().maxPayload(Integer.parseInt(args[2])).build())
          .build();
    }
    ServerOptions chosen = options;
    PeerMain.serve(java.util.Arrays.copyOfRange(args, 1, Math.min(args.length, 2)),
        port -> start(container, port, chosen));
  }
}
