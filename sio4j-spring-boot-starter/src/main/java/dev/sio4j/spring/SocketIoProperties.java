package dev.sio4j.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code sio4j.*} properties of the auto-configured {@link dev.sio4j.server.SocketIoServer}. Each default is the
 * reference server's (the official Node {@code socket.io} 4.x), as in {@code ServerOptions} and {@code EngineOptions}.
 *
 * <p>Bound once at start-up by Spring Boot; read-only afterwards (the server is built from them and does not watch
 * them). Not thread-safe while being bound, as every {@code @ConfigurationProperties} bean.
 */
@ConfigurationProperties("sio4j")
public class SocketIoProperties {
  /** Whether the auto-configuration creates and mounts a Socket.IO server. */
  private boolean enabled = true;

  /** The path Socket.IO answers under, on the application's own port; a trailing slash is added when missing. */
  private String path = "/socket.io/";

  /** The interval between the server's PING packets. */
  private Duration pingInterval = Duration.ofMillis(25_000);

  /** How long a client has to answer a PING before its connection closes with "ping timeout". */
  private Duration pingTimeout = Duration.ofMillis(20_000);

  /** How long a connection may stay without joining any namespace before it is closed. */
  private Duration connectTimeout = Duration.ofMillis(45_000);

  /** The largest Engine.IO payload (a long-polling body or a WebSocket message) a client may send. */
  private DataSize maxPayload = DataSize.ofBytes(1_000_000);

  /** Whether the official browser client is served under the path ({@code <path>socket.io.js}). */
  private boolean serveClient = true;

  /**
   * The port of sio4j's own Netty server on the reactive stack (WebFlux), where Socket.IO cannot share the
   * application's port; ignored on the servlet stack, where Socket.IO answers on the application's port.
   */
  private int port = 3000;

  /**
   * How long the shutdown spreads the clients' reconnections to the other nodes ({@code SocketIoServer.drain}) before
   * the server closes. Zero (the default): no drain, every socket is disconnected at once ("server shutting down").
   */
  private Duration drainTimeout = Duration.ZERO;

  /**
   * The reverse proxies (addresses or CIDR blocks) whose {@code X-Forwarded-For} names the client in
   * {@code socket.handshake().address()}. Empty (the default): the header is never believed.
   */
  private List<String> trustedProxies = new ArrayList<>();

  /** Cross-origin resource sharing for the long-polling requests. */
  private final Cors cors = new Cors();

  /** Connection state recovery. */
  private final ConnectionStateRecovery connectionStateRecovery = new ConnectionStateRecovery();

  /** The Redis adapter. */
  private final Redis redis = new Redis();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public Duration getPingInterval() {
    return pingInterval;
  }

  public void setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
  }

  public Duration getPingTimeout() {
    return pingTimeout;
  }

  public void setPingTimeout(Duration pingTimeout) {
    this.pingTimeout = pingTimeout;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public DataSize getMaxPayload() {
    return maxPayload;
  }

  public void setMaxPayload(DataSize maxPayload) {
    this.maxPayload = maxPayload;
  }

  public boolean isServeClient() {
    return serveClient;
  }

  public void setServeClient(boolean serveClient) {
    this.serveClient = serveClient;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public Duration getDrainTimeout() {
    return drainTimeout;
  }

  public void setDrainTimeout(Duration drainTimeout) {
    this.drainTimeout = drainTimeout;
  }

  public List<String> getTrustedProxies() {
    return trustedProxies;
  }

  public void setTrustedProxies(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  public Cors getCors() {
    return cors;
  }

  public ConnectionStateRecovery getConnectionStateRecovery() {
    return connectionStateRecovery;
  }

  public Redis getRedis() {
    return redis;
  }

  /** {@code sio4j.cors.*}: off unless origins are given, as the reference's {@code cors: false}. */
  public static class Cors {
    /**
     * The origins allowed to make long-polling requests (e.g. {@code https://example.com}), or {@code *} for any.
     * Empty (the default): no CORS headers, so only same-origin pages connect over long-polling.
     */
    private List<String> allowedOrigins = new ArrayList<>();

    /** Whether to send {@code Access-Control-Allow-Credentials: true} (cookies with cross-origin requests). */
    private boolean allowCredentials;

    public List<String> getAllowedOrigins() {
      return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
      this.allowedOrigins = allowedOrigins;
    }

    public boolean isAllowCredentials() {
      return allowCredentials;
    }

    public void setAllowCredentials(boolean allowCredentials) {
      this.allowCredentials = allowCredentials;
    }
  }

  /** {@code sio4j.connection-state-recovery.*}: off by default, as the reference. */
  public static class ConnectionStateRecovery {
    /** Whether a client that lost its connection gets its socket (id, rooms, data) and the missed events back. */
    private boolean enabled;

    /** How long a disconnected session and the broadcast events it may miss are kept. */
    private Duration maxDisconnectionDuration = Duration.ofMinutes(2);

    /** Whether a recovered socket skips the namespace middlewares (it passed them when it first connected). */
    private boolean skipMiddlewares = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getMaxDisconnectionDuration() {
      return maxDisconnectionDuration;
    }

    public void setMaxDisconnectionDuration(Duration maxDisconnectionDuration) {
      this.maxDisconnectionDuration = maxDisconnectionDuration;
    }

    public boolean isSkipMiddlewares() {
      return skipMiddlewares;
    }

    public void setSkipMiddlewares(boolean skipMiddlewares) {
      this.skipMiddlewares = skipMiddlewares;
    }
  }

  /** {@code sio4j.redis.*}: the Redis adapter ({@code sio4j-redis} on the class path), off unless a URI is given. */
  public static class Redis {
    /**
     * The Redis server to share rooms and broadcasts through (e.g. {@code redis://127.0.0.1:6379}), wire-compatible
     * with the official {@code @socket.io/redis-adapter} 8.x. Empty (the default): the in-memory adapter, unless the
     * context defines an {@code AdapterFactory} bean.
     */
    private String uri;

    public String getUri() {
      return uri;
    }

    public void setUri(String uri) {
      this.uri = uri;
    }
  }
}
