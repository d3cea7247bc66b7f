package dev.sio4j.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * How a manager's HTTP requests and WebSocket connections are made: the OkHttp client, cookies, TLS, proxy, request
 * URLs, headers asked anew for each connection, and whether the JVM's shutdown closes the manager. Immutable and
 * thread-safe; build with {@link #builder()} and give it to {@link ClientOptions.Builder#connection}. Each default is
 * the official JavaScript client's, named in the setter's Javadoc.
 */
public final class ConnectionOptions {
  private static final ConnectionOptions DEFAULTS = builder().build();

  private final OkHttpClient httpClient;
  private final boolean cookies;
  private final TlsOptions tls;
  private final ProxyOptions proxy;
  private final boolean timestampRequests;
  private final String timestampParam;
  private final boolean addTrailingSlash;
  private final Supplier<Map<String, List<String>>> headers;
  private final boolean closeOnJvmShutdown;

  private ConnectionOptions(Builder b) {
    this.httpClient = b.httpClient;
    this.cookies = b.cookies;
    this.tls = b.tls;
    this.proxy = b.proxy;
    this.timestampRequests = b.timestampRequests;
    this.timestampParam = b.timestampParam;
    this.addTrailingSlash = b.addTrailingSlash;
    this.headers = b.headers;
    this.closeOnJvmShutdown = b.closeOnJvmShutdown;
  }

  /** The options with every default. */
  public static ConnectionOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.httpClient = httpClient;
    b.cookies = cookies;
    b.tls = tls;
    b.proxy = proxy;
    b.timestampRequests = timestampRequests;
    b.timestampParam = timestampParam;
    b.addTrailingSlash = addTrailingSlash;
    b.headers = headers;
    b.closeOnJvmShutdown = closeOnJvmShutdown;
    return b;
  }

  /** The user's HTTP client, or {@code null} for the one shared by the managers of this JVM. */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /** Whether each manager keeps the cookies the server sets and sends them back. */
  public boolean cookies() {
    return cookies;
  }

  /** How {@code https} and {@code wss} connections authenticate, or {@code null} for the HTTP client's way. */
  public TlsOptions tls() {
    return tls;
  }

  /** The proxy connections go through, or {@code null} for the HTTP client's. */
  public ProxyOptions proxy() {
    return proxy;
  }

  /** Whether each long-polling request carries a unique {@link #timestampParam()}. */
  public boolean timestampRequests() {
    return timestampRequests;
  }

  public String timestampParam() {
    return timestampParam;
  }

  /** Whether a {@code /} is added to the path when it has none at its end. */
  public boolean addTrailingSlash() {
    return addTrailingSlash;
  }

  /** Asked for the extra headers each time a connection is opened, the first and each reconnection; or {@code null}. */
  public Supplier<Map<String, List<String>>> headers() {
    return headers;
  }

  /** Whether the manager is closed, telling the server, when the JVM shuts down. */
  public boolean closeOnJvmShutdown() {
    return closeOnJvmShutdown;
  }

  /** Builds {@link ConnectionOptions}; not thread-safe. */
  public static final class Builder {
    private OkHttpClient httpClient;
    private boolean cookies = true;
    private TlsOptions tls;
    private ProxyOptions proxy;
    private boolean timestampRequests = true;
    private String timestampParam = "t";
    private boolean addTrailingSlash = true;
    private Supplier<Map<String, List<String>>> headers;
    private boolean closeOnJvmShutdown;

    private Builder() {
    }

    /**
     * The OkHttp client carrying every request, as the official Java client's {@code callFactory} and
     * {@code webSocketFactory}: its interceptors, proxy, authenticator, certificate pinning, timeouts, connection pool
     * and dispatcher apply. Each manager derives its own client from it ({@link OkHttpClient#newBuilder()}, which
     * shares the pool and dispatcher) to add what the session needs: no read timeout on a long-polling GET (the
     * heartbeat is its deadline), and the options below where set. Closing a manager leaves this client running: it
     * is the caller's. Its dispatcher counts each open WebSocket as a running call, so {@code maxRequestsPerHost}
     * (OkHttp's default: 5) bounds the WebSocket connections to one server.
     *
     * <p>Default: {@code null}, a client shared by every manager of the JVM, created with the first and ended (its
     * daemon dispatcher threads, its pooled connections) when the last one closes.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Whether each manager keeps, in memory, the cookies the server sets and sends them back on every request of its
     * connections (long-polling requests and the WebSocket upgrade): the engine's {@code io} cookie, or a load
     * balancer's sticky-session cookie that routes every request of a session to the same node. When the
     * {@link #httpClient(OkHttpClient) HTTP client} has a cookie jar of its own, that jar is used instead. Default:
     * {@code true}, as the Node client with {@code withCredentials}, and a browser for its own origin.
     */
    public Builder cookies(boolean cookies) {
      this.cookies = cookies;
      return this;
    }

    /**
     * Trusted certificates, client certificate, hostname check and certificate pins for {@code https} and
     * {@code wss}. Not with {@link ClientOptions.Builder#sslContext} when it sets a trust or key manager. Default:
     * {@code null}, the HTTP client's (the JDK's trusted authorities, no client certificate, no pins).
     */
    public Builder tls(TlsOptions tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * The proxy every connection goes through. A SOCKS5 proxy replaces the socket factory and the resolver of the
     * manager's client (derived from the {@link #httpClient(OkHttpClient) HTTP client}, which is left as it is): the
     * connections are tunnelled by sockets of sio4j's, and host names resolved by the proxy. Default: {@code null}, the
     * HTTP client's choice (OkHttp's: the JVM's {@link java.net.ProxySelector}, which reads the {@code http.proxyHost}
     * family of system properties).
     */
    public Builder proxy(ProxyOptions proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /**
     * Whether each long-polling request carries a unique query parameter, so that no cache on the way answers it.
     * Default (JS client): {@code true}.
     */
    public Builder timestampRequests(boolean timestampRequests) {
      this.timestampRequests = timestampRequests;
      return this;
    }

    /** The name of that query parameter. Default (JS client): {@code t}. */
    public Builder timestampParam(String name) {
      Objects.requireNonNull(name, "timestampParam");
      if (name.trim().isEmpty() || name.equals("EIO") || name.equals("transport") || name.equals("sid")) {
        throw new IllegalArgumentException("timestampParam must be a free query parameter name: " + name);
      }
      this.timestampParam = name;
      return this;
    }

    /**
     * Whether a {@code /} is added to a path without one at its end ({@code /socket.io} becomes {@code /socket.io/}).
     * Default (JS client): {@code true}.
     */
    public Builder addTrailingSlash(boolean addTrailingSlash) {
      this.addTrailingSlash = addTrailingSlash;
      return this;
    }

    /**
     * Extra request headers asked anew each time a connection opens, the first time and at each reconnection (a
     * token that expires, for example); added after {@link ClientOptions.Builder#extraHeader}'s. Called on the
     * manager's listener lane, as listeners and the auth supplier are: while it runs, the manager's listeners wait.
     * Default: {@code null}, none.
     */
    public Builder headers(Supplier<Map<String, List<String>>> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /**
     * Whether a JVM shutdown hook closes the manager, so that the server hears a goodbye rather than a lost
     * connection (the browser client's {@code closeOnBeforeunload}). Default: {@code false}, as the JS client since
     * 4.7, since a hook delays the JVM's exit by up to the goodbye's bounded wait.
     */
    public Builder closeOnJvmShutdown(boolean closeOnJvmShutdown) {
      this.closeOnJvmShutdown = closeOnJvmShutdown;
      return this;
    }

    public ConnectionOptions build() {
      return new ConnectionOptions(this);
    }
  }
}
