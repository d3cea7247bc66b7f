package dev.sio4j.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.TrustedProxies;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.spring.internal.ControllerRegistrar;
import dev.sio4j.spring.internal.PrincipalRegistry;
import dev.sio4j.spring.internal.ServletMount;
import dev.sio4j.spring.internal.SocketIoHealthIndicator;
import dev.sio4j.spring.internal.SocketIoLifecycle;
import dev.sio4j.spring.internal.SocketIoMeters;
import dev.sio4j.spring.internal.SocketIoObserver;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of sio4j: a {@link SocketIoServer} bean built from the {@code sio4j.*} properties (unless the
 * application defines its own), mounted on the application's own port on the servlet stack (Tomcat, Jetty) or, on the
 * reactive stack, started on sio4j's own Netty server on {@code sio4j.port}; the {@link Middleware} beans on the main
 * namespace, the {@link SocketIoController} beans on theirs; Actuator health and Micrometer meters when they are on
 * the class path; a {@link org.springframework.context.SmartLifecycle} that closes the server before the web server's
 * graceful shutdown. Turned off with {@code sio4j.enabled=false}.
 *
 * <p>Jackson: Spring Boot 4 configures Jackson 3 ({@code tools.jackson}) by default, and sio4j binds event arguments
 * with Jackson 2 ({@code com.fasterxml.jackson}). The server uses the context's Jackson 2 {@link ObjectMapper} when
 * there is exactly one (e.g. from {@code spring-boot-jackson2}), and sio4j's own strict mapper otherwise.
 */
@AutoConfiguration
@ConditionalOnClass(SocketIoServer.class)
@ConditionalOnBooleanProperty(name = "sio4j.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SocketIoProperties.class)
public class SocketIoAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SocketIoAutoConfiguration.class);

  /** The server, from the properties, then the customizers in their order. */
  @Bean
  @ConditionalOnMissingBean
  public SocketIoServer socketIoServer(SocketIoProperties properties, ObjectProvider<AdapterFactory> adapterFactory,
      ObjectProvider<ObjectMapper> mapper, ObjectProvider<SocketIoServerCustomizer> customizers) {
    ServerOptions.Builder options = serverOptions(properties);
    AdapterFactory adapter = adapterFactory.getIfUnique();
    if (adapter != null) {
      options.adapterFactory(adapter);
    } else if (StringUtils.hasText(properties.getRedis().getUri())) {
      if (!ClassUtils.isPresent("dev.sio4j.redis.RedisAdapterFactory", SocketIoAutoConfiguration.class.getClassLoader())) {
        throw new IllegalStateException("sio4j.redis.uri is set but sio4j-redis is not on the class path");
      }
      options.adapterFactory(RedisAdapters.create(properties.getRedis().getUri()));
    }
    ObjectMapper jackson2 = mapper.getIfUnique();
    if (jackson2 != null) {
      options.mapper(jackson2);
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(options));
    return SocketIoServer.create(options.build());
  }

  /** The {@code sio4j.*} properties as server options; each unset property keeps the reference's default. */
  static ServerOptions.Builder serverOptions(SocketIoProperties p) {
    EngineOptions.Builder engine = EngineOptions.builder()
        .pingIntervalMillis(p.getPingInterval().toMillis())
        .pingTimeoutMillis(p.getPingTimeout().toMillis())
        .maxPayload(Math.toIntExact(p.getMaxPayload().toBytes()));
    List<String> origins = p.getCors().getAllowedOrigins();
    if (!origins.isEmpty()) {
      CorsOptions.Builder cors = CorsOptions.builder().credentials(p.getCors().isAllowCredentials());
      if (origins.contains("*")) {
        cors.anyOrigin();
      } else {
        cors.origins(origins);
      }
      engine.cors(cors.build());
    }
    ServerOptions.Builder options = ServerOptions.builder()
        .path(p.getPath())
        .connectTimeout(p.getConnectTimeout())
        .serveClient(p.isServeClient())
        .trustedProxies(TrustedProxies.of(p.getTrustedProxies()))
        .engine(engine.build());
    SocketIoProperties.ConnectionStateRecovery recovery = p.getConnectionStateRecovery();
    if (recovery.isEnabled()) {
      options.connectionStateRecovery(ConnectionStateRecovery.builder()
          .maxDisconnectionDuration(recovery.getMaxDisconnectionDuration())
          .skipMiddlewares(recovery.isSkipMiddlewares())
          .build());
    }
    return options;
  }

  /** The principals of the servlet handshakes (empty on the reactive stack). */
  @Bean
  @ConditionalOnMissingBean
  public PrincipalRegistry socketIoPrincipals(ObjectProvider<SocketIoServer> io) {
    return new PrincipalRegistry(() -> io.getObject().engine(), Clock.systemUTC());
  }

  /** Installs the middleware and controller beans once every singleton exists. */
  @Bean
  public ControllerRegistrar socketIoControllerRegistrar(SocketIoServer io, SocketIoPrincipals principals,
      ObjectProvider<SocketIoObserver> observer) {
    return new ControllerRegistrar(io, principals, observer.getIfAvailable(() -> SocketIoObserver.NONE));
  }

  /** Runs the registrar after the singletons are created, before the web server takes connections. */
  @Bean
  public static SmartInitializingSingleton socketIoInstaller(ListableBeanFactory beans) {
    return () -> {
      ControllerRegistrar registrar = beans.getBean(ControllerRegistrar.class);
      beans.getBeanProvider(Middleware.class).orderedStream().forEach(registrar::installMiddleware);
      for (Object controller : beans.getBeansWithAnnotation(SocketIoController.class).values()) {
        registrar.installController(controller);
      }
    };
  }

  /**
   * The namespaces the meters and the health report: {@code /} and those of the {@link SocketIoController} beans,
   * read from the bean definitions (without creating the beans, so it may be asked early).
   */
  static Supplier<Iterable<String>> namespaces(ListableBeanFactory beans) {
    return () -> {
      Set<String> names = new LinkedHashSet<>();
      names.add("/");
      for (String bean : beans.getBeanNamesForAnnotation(SocketIoController.class)) {
        SocketIoController controller = beans.findAnnotationOnBean(bean, SocketIoController.class);
        if (controller != null) {
          String name = controller.namespace();
          names.add(name.startsWith("/") ? name : "/" + name);
        }
      }
      return names;
    };
  }

  /**
   * The servlet stack (Tomcat, Jetty): the server is mounted on the application's own port with
   * {@code SocketIoServlet.register}, behind a filter that hands the handshake's principal to {@link SocketIoPrincipals}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = {"dev.sio4j.servlet.SocketIoServlet", "jakarta.servlet.ServletContext"})
  static class ServletConfiguration {
    @Bean
    @ConditionalOnMissingBean
    SocketIoLifecycle socketIoLifecycle(SocketIoServer io, SocketIoProperties properties) {
      return new SocketIoLifecycle(io).drainOnStop(properties.getDrainTimeout());
    }

    @Bean
    ServletMount socketIoServletMount(SocketIoServer io, SocketIoLifecycle lifecycle, PrincipalRegistry principals) {
      return new ServletMount(io, lifecycle, principals);
    }
  }

  /** Outside a web application (a worker, a test without a web environment): sio4j's own server on sio4j.port. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnNotWebApplication
  static class StandaloneConfiguration {
    @Bean
    @ConditionalOnMissingBean
    SocketIoLifecycle socketIoLifecycle(SocketIoServer io, SocketIoProperties properties) {
      return new SocketIoLifecycle(io, properties.getPort(), "not a web application")
          .drainOnStop(properties.getDrainTimeout());
    }
  }

  /**
   * The reactive stack (WebFlux on Reactor Netty): its server cannot host sio4j's engine, so sio4j runs its own Netty
   * server on {@code sio4j.port} (default 3000), said once in the log at start-up.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  static class ReactiveConfiguration {
    @Bean
    @ConditionalOnMissingBean
    SocketIoLifecycle socketIoLifecycle(SocketIoServer io, SocketIoProperties properties) {
      return new SocketIoLifecycle(io, properties.getPort(),
          "reactive web stack (its server cannot host sio4j's engine on the application's port)")
          .drainOnStop(properties.getDrainTimeout());
    }
  }

  /** Actuator's {@code sio4j} health entry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnEnabledHealthIndicator("sio4j")
  static class HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "sio4jHealthIndicator")
    SocketIoHealthIndicator sio4jHealthIndicator(SocketIoServer io, SocketIoLifecycle lifecycle,
        ListableBeanFactory beans) {
      return new SocketIoHealthIndicator(io, lifecycle, namespaces(beans));
    }
  }

  /** The Micrometer meters, which also observe the handlers and middlewares the starter installs. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    SocketIoMeters socketIoMeters(SocketIoServer io, ListableBeanFactory beans) {
      return new SocketIoMeters(io, namespaces(beans));
    }
  }

  /** Loaded only when {@code sio4j-redis} is present: keeps its classes out of the auto-configuration itself. */
  private static final class RedisAdapters {
    static AdapterFactory create(String uri) {
      log.info("sio4j: Redis adapter on {}", redactedUri(uri));
      return dev.sio4j.redis.RedisAdapterFactory.create(uri);
    }

    /** The URI without a password, for the log. */
    private static String redactedUri(String uri) {
      return uri.replaceAll("//[^@/]*@", "//***@");
    }
  }
}
