package dev.sio4j.spring.internal;

import dev.sio4j.server.SocketIoServer;
import dev.sio4j.servlet.SocketIoServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;

/**
 * Mounts the Socket.IO server in the embedded servlet container (Tomcat, Jetty) while Spring Boot initializes it:
 * the sio4j servlet on {@code <path>*} and, in front of it, {@link PrincipalHandshakeFilter}.
 *
 * <p>Ordered last among the context's initializers, so the filter is mapped after the application's filters
 * (Spring Security's chain among them, whose {@code getUserPrincipal()} it reads): filters mapped with
 * {@code isMatchAfter} run in the order they were added (Servlet 6.0 section 6.2.4). The servlet is closed by
 * {@link SocketIoLifecycle} after the server. Used once, by the container's start; thread-safe afterwards.
 */
public final class ServletMount implements ServletContextInitializer, Ordered {
  private static final Logger log = LoggerFactory.getLogger(ServletMount.class);

  private final SocketIoServer io;
  private final SocketIoLifecycle lifecycle;
  private final PrincipalRegistry principals;

  /** A mount of {@code io}, closed by {@code lifecycle}, capturing principals into {@code principals}. */
  public ServletMount(SocketIoServer io, SocketIoLifecycle lifecycle, PrincipalRegistry principals) {
    this.io = io;
    this.lifecycle = lifecycle;
    this.principals = principals;
  }

  @Override
  public void onStartup(ServletContext context) {
    SocketIoServlet servlet = SocketIoServlet.register(context, io);
    lifecycle.closeOnStop(servlet);
    FilterRegistration.Dynamic filter =
        context.addFilter("sio4j:principal:" + io.options().path(), new PrincipalHandshakeFilter(principals));
    filter.setAsyncSupported(true);
    filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, servlet.urlPattern());
    log.info("sio4j: Socket.IO mounted on the application's port at {} ({})", servlet.urlPattern(),
        context.getServerInfo());
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
