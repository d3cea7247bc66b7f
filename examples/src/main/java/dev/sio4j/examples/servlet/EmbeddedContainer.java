package dev.sio4j.examples.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.net.InetSocketAddress;
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
 * An embedded Servlet container (Tomcat 11 or Jetty 12 ee10) with one root context, WebSocket enabled, initialized by
 * {@code app}: the way a plain {@code main} serves a {@link dev.sio4j.servlet.SocketIoServlet}, e.g.
 * {@code EmbeddedContainer.start("tomcat", 3000, (classes, context) -> SocketIoServlet.register(context, io))}.
 *
 * <p>Servlets can only be added while a context is being initialized (Servlet 6.0 section 4.4), hence the
 * {@link ServletContainerInitializer}. Lifecycle: started by {@link #start}, stopped by {@link #close()}.
 */
public final class EmbeddedContainer implements AutoCloseable {
  private final InetSocketAddress address;
  private final AutoCloseable stop;

  private EmbeddedContainer(InetSocketAddress address, AutoCloseable stop) {
    this.address = address;
    this.stop = stop;
  }

  /**
   * Starts {@code container} ({@code tomcat} or {@code jetty}) on {@code port} (0: any free port), on every interface.
   *
   * @throws IllegalArgumentException for another container name
   */
  public static EmbeddedContainer start(String container, int port, ServletContainerInitializer app) throws Exception {
    switch (container) {
      case "tomcat":
        return tomcat(port, app);
      case "jetty":
        return jetty(port, app);
      default:
        throw new IllegalArgumentException("unknown container: " + container + " (tomcat or jetty)");
    }
  }

  private static EmbeddedContainer tomcat(int port, ServletContainerInitializer app) throws Exception {
    Tomcat tomcat = new Tomcat();
    Path base = Files.createTempDirectory("sio4j-tomcat");
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    // Tomcat's WebSocket container (the ServerContainer context attribute), then the application
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(app, null);
    tomcat.start();
    return new EmbeddedContainer(new InetSocketAddress(connector.getLocalPort()), () -> {
      tomcat.stop();
      tomcat.destroy();
    });
  }

  private static EmbeddedContainer jetty(int port, ServletContainerInitializer app) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    // Jetty's Jakarta WebSocket container (the ServerContainer context attribute), then the application
    JakartaWebSocketServletContainerInitializer.configure(context, null);
    context.addServletContainerInitializer(app);
    server.setHandler(context);
    server.start();
    return new EmbeddedContainer(new InetSocketAddress(connector.getLocalPort()), server::stop);
  }

  /** The address the container listens on (the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * Stops the container.
   *
   * @throws IllegalStateException when the container failed to stop
   */
  @Override
  public void close() {
    try {
      stop.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the container", e);
    } catch (Exception e) {
      throw new IllegalStateException("the container failed to stop", e);
    }
  }
}
