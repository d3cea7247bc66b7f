package dev.sio4j.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.SocketIoParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;

/**
 * The options of a {@link Manager} and its {@link Socket}s. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p>Each default is the official JavaScript client's (socket.io-client 4.8), named in the setter's Javadoc; where the
 * JavaScript client has no limit, this client has a bounded one, documented likewise.
 */
public final class ClientOptions {
  private final List<TransportType> transports;
  private final String path;
  private final Map<String, String> query;
  private final Map<String, List<String>> extraHeaders;
  private final Supplier<Map<String, ?>> auth;
  private final boolean upgrade;
  private final boolean perMessageDeflate;
  private final boolean rememberUpgrade;
  private final boolean tryAllTransports;
  private final boolean reconnection;
  private final int reconnectionAttempts;
  private final long reconnectionDelayMs;
  private final long reconnectionDelayMaxMs;
  private final double randomizationFactor;
  private final long timeoutMs;
  private final boolean forceNew;
  private final boolean multiplex;
  private final int retries;
  private final long ackTimeoutMs;
  private final int maxBufferedPackets;
  private final int maxIncomingPacketSize;
  private final SSLContext sslContext;
  private final ConnectionOptions connection;
  private final boolean autoConnect;
  private final ObjectMapper objectMapper;
  private final String threadNamePrefix;
  private final SocketIoParser parser;

  private ClientOptions(Builder b) {
    this.transports = Collections.unmodifiableList(new ArrayList<>(b.transports));
    this.path = b.path;
    this.query = Collections.unmodifiableMap(new LinkedHashMap<>(b.query));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    b.extraHeaders.forEach((k, v) -> headers.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
    this.extraHeaders = Collections.unmodifiableMap(headers);
    this.auth = b.auth;
    this.upgrade = b.upgrade;
    this.perMessageDeflate = b.perMessageDeflate;
    this.rememberUpgrade = b.rememberUpgrade;
    this.tryAllTransports = b.tryAllTransports;
    this.reconnection = b.reconnection;
    this.reconnectionAttempts = b.reconnectionAttempts;
    this.reconnectionDelayMs = b.reconnectionDelayMs;
    this.reconnectionDelayMaxMs = b.reconnectionDelayMaxMs;
    this.randomizationFactor = b.randomizationFactor;
    this.timeoutMs = b.timeoutMs;
    this.forceNew = b.forceNew;
    this.multiplex = b.multiplex;
    this.retries = b.retries;
    this.ackTimeoutMs = b.ackTimeoutMs;
    this.maxBufferedPackets = b.maxBufferedPackets;
    this.maxIncomingPacketSize = b.maxIncomingPacketSize;
    this.sslContext = b.sslContext;
    this.connection = b.connection;
    this.autoConnect = b.autoConnect;
    this.objectMapper = b.objectMapper;
    this.threadNamePrefix = b.threadNamePrefix;
    this.parser = b.parser;
  }

  /** The options with every default. */
  public static ClientOptions defaults() {
    return builder().build();
  }

  /** A builder holding every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.transports = new ArrayList<>(transports);
    b.path = path;
    b.query = new LinkedHashMap<>(query);
    b.extraHeaders = new LinkedHashMap<>(extraHeaders);
    b.auth = auth;
    b.upgrade = upgrade;
    b.perMessageDeflate = perMessageDeflate;
    b.rememberUpgrade = rememberUpgrade;
    b.tryAllTransports = tryAllTransports;
    b.reconnection = reconnection;
    b.reconnectionAttempts = reconnectionAttempts;
    b.reconnectionDelayMs = reconnectionDelayMs;
    b.reconnectionDelayMaxMs = reconnectionDelayMaxMs;
    b.randomizationFactor = randomizationFactor;
    b.timeoutMs = timeoutMs;
    b.forceNew = forceNew;
    b.multiplex = multiplex;
    b.retries = retries;
    b.ackTimeoutMs = ackTimeoutMs;
    b.maxBufferedPackets = maxBufferedPackets;
    b.maxIncomingPacketSize = maxIncomingPacketSize;
    b.sslContext = sslContext;
    b.connection = connection;
    b.autoConnect = autoConnect;
    b.objectMapper = objectMapper;
    b.threadNamePrefix = threadNamePrefix;
    b.parser = parser;
    return b;
  }

  /** The transports in order of preference. */
  public List<TransportType> transports() {
    return transports;
  }

  /** The server's path. */
  public String path() {
    return path;
  }

  /** Extra query parameters of every request. */
  public Map<String, String> query() {
    return query;
  }

  /** Extra headers of every HTTP request and the WebSocket handshake. */
  public Map<String, List<String>> extraHeaders() {
    return extraHeaders;
  }

  /** The auth supplier, asked on every (re)connection; {@code null} when there is no auth payload. */
  public Supplier<Map<String, ?>> auth() {
    return auth;
  }

  /** Whether polling upgrades to WebSocket. */
  public boolean upgrade() {
    return upgrade;
  }

  /** Whether WebSocket compression is offered. */
  public boolean perMessageDeflate() {
    return perMessageDeflate;
  }

  /** Whether a manager opens over WebSocket once an upgrade succeeded. */
  public boolean rememberUpgrade() {
    return rememberUpgrade;
  }

  /** Whether the next transport is tried when the first cannot open. */
  public boolean tryAllTransports() {
    return tryAllTransports;
  }

  /** Whether the manager reconnects by itself. */
  public boolean reconnection() {
    return reconnection;
  }

  /** The number of attempts before giving up; {@link Integer#MAX_VALUE} means no limit. */
  public int reconnectionAttempts() {
    return reconnectionAttempts;
  }

  /** The first reconnection delay in milliseconds. */
  public long reconnectionDelayMs() {
    return reconnectionDelayMs;
  }

  /** The largest reconnection delay in milliseconds. */
  public long reconnectionDelayMaxMs() {
    return reconnectionDelayMaxMs;
  }

  /** The jitter of reconnection delays, between 0 and 1. */
  public double randomizationFactor() {
    return randomizationFactor;
  }

  /** The connection timeout in milliseconds; {@code 0} means none. */
  public long timeoutMs() {
    return timeoutMs;
  }

  /** Whether {@link SocketIoClient} makes a new manager for each socket. */
  public boolean forceNew() {
    return forceNew;
  }

  /** Whether {@link SocketIoClient} shares managers between namespaces. */
  public boolean multiplex() {
    return multiplex;
  }

  /** How many times an unacknowledged emit is sent again. */
  public int retries() {
    return retries;
  }

  /** The default acknowledgement timeout in milliseconds; {@code 0} means none. */
  public long ackTimeoutMs() {
    return ackTimeoutMs;
  }

  /** How many emits a disconnected socket keeps. */
  public int maxBufferedPackets() {
    return maxBufferedPackets;
  }

  /** The largest payload accepted from the server, in bytes. */
  public int maxIncomingPacketSize() {
    return maxIncomingPacketSize;
  }

  /** The TLS context for {@code https}/{@code wss} URIs, or {@code null} for the JDK's default. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** How HTTP requests and WebSocket connections are made: client, cookies, TLS, proxy, URLs, headers. */
  public ConnectionOptions connection() {
    return connection;
  }

  /** Whether {@link SocketIoClient#socket} connects the socket it returns. */
  public boolean autoConnect() {
    return autoConnect;
  }

  /** The mapper converting payloads. */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** The prefix of the names of the manager's threads (shared with its client's managers of the same prefix). */
  public String threadNamePrefix() {
    return threadNamePrefix;
  }

  /** The Socket.IO parser, the same as the server's. */
  public SocketIoParser parser() {
    return parser;
  }

  /** Builds {@link ClientOptions}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private List<TransportType> transports =
        new ArrayList<>(Arrays.asList(TransportType.POLLING, TransportType.WEBSOCKET));
    private String path = "/socket.io/";
    private Map<String, String> query = new LinkedHashMap<>();
    private Map<String, List<String>> extraHeaders = new LinkedHashMap<>();
    private Supplier<Map<String, ?>> auth;
    private boolean upgrade = true;
    private boolean perMessageDeflate = true;
    private boolean rememberUpgrade;
    private boolean tryAllTransports;
    private boolean reconnection = true;
    private int reconnectionAttempts = Integer.MAX_VALUE;
    private long reconnectionDelayMs = 1000;
    private long reconnectionDelayMaxMs = 5000;
    private double randomizationFactor = 0.5;
    private long timeoutMs = 20_000;
    private boolean forceNew;
    private boolean multiplex = true;
    private int retries;
    private long ackTimeoutMs;
    private int maxBufferedPackets = 10_000;
    private int maxIncomingPacketSize = 100 * 1024 * 1024;
    private SSLContext sslContext;
    private ConnectionOptions connection = ConnectionOptions.defaults();
    private boolean autoConnect = true;
    private ObjectMapper objectMapper = new ObjectMapper();
    private String threadNamePrefix = "sio4j-client";
    private SocketIoParser parser = SocketIoParser.json();

    private Builder() {
    }

    /**
     * The transports to try, in order; the first is used to open the session, the others are upgrade targets.
     * Default (JS client): polling then websocket. {@code websocket} alone, or first, opens over WebSocket directly.
     */
    public Builder transports(TransportType... transports) {
      return transports(Arrays.asList(transports));
    }

    /** See {@link #transports(TransportType...)}. */
    public Builder transports(List<TransportType> transports) {
      if (transports.isEmpty()) {
        throw new IllegalArgumentException("transports must not be empty");
      }
      if (transports.size() != transports.stream().distinct().count()) {
        throw new IllegalArgumentException("transports must not repeat: " + transports);
      }
      this.transports = new ArrayList<>(transports);
      return this;
    }

    /** The server's path. Default (JS client): {@code /socket.io/}. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      this.path = path;
      return this;
    }

    /** Adds a query parameter sent with every Engine.IO request. Default: none. */
    public Builder query(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.equals("EIO") || name.equals("transport") || name.equals("sid")) {
        throw new IllegalArgumentException("query parameter is reserved by Engine.IO: " + name);
      }
      query.put(name, value);
      return this;
    }

    /** Adds a header sent with every HTTP request and the WebSocket handshake. Default: none. */
    public Builder extraHeader(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.trim().isEmpty()) {
        throw new IllegalArgumentException("header name must not be blank");
      }
      extraHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** A fixed auth payload sent in each namespace's CONNECT packet. Default (JS client): none. */
    public Builder auth(Map<String, ?> auth) {
      Map<String, ?> copy = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(auth, "auth")));
      this.auth = () -> copy;
      return this;
    }

    /** An auth payload asked again on each connection and reconnection (as the JS client's {@code auth(cb)}). */
    public Builder auth(Supplier<Map<String, ?>> auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /** Whether to upgrade from polling to WebSocket. Default (JS client): true. */
    public Builder upgrade(boolean upgrade) {
      this.upgrade = upgrade;
      return this;
    }

    /**
     * Whether WebSocket messages the client sends are compressed (RFC 7692) when the server accepts the extension.
     * OkHttp offers the extension in any case, so the server may compress what it sends. Default (JS client in Node):
     * {@code true}.
     */
    public Builder perMessageDeflate(boolean perMessageDeflate) {
      this.perMessageDeflate = perMessageDeflate;
      return this;
    }

    /** Whether to open over WebSocket directly after a successful upgrade on this manager. Default (JS): false. */
    public Builder rememberUpgrade(boolean rememberUpgrade) {
      this.rememberUpgrade = rememberUpgrade;
      return this;
    }

    /** Whether to try the next transport when the first fails to open. Default (JS client): false. */
    public Builder tryAllTransports(boolean tryAllTransports) {
      this.tryAllTransports = tryAllTransports;
      return this;
    }

    /** Whether to reconnect automatically. Default (JS client): true. */
    public Builder reconnection(boolean reconnection) {
      this.reconnection = reconnection;
      return this;
    }

    /** Attempts before giving up ({@code reconnect_failed}). Default (JS client): infinite. */
    public Builder reconnectionAttempts(int attempts) {
      if (attempts < 0) {
        throw new IllegalArgumentException("reconnectionAttempts must be >= 0: " + attempts);
      }
      this.reconnectionAttempts = attempts;
      return this;
    }

    /** The first reconnection delay, doubled on each attempt. Default (JS client): 1000 ms. */
    public Builder reconnectionDelay(Duration delay) {
      this.reconnectionDelayMs = positiveMillis(delay, "reconnectionDelay");
      return this;
    }

    /** The largest reconnection delay. Default (JS client): 5000 ms. */
    public Builder reconnectionDelayMax(Duration delay) {
      this.reconnectionDelayMaxMs = positiveMillis(delay, "reconnectionDelayMax");
      return this;
    }

    /** The jitter applied to each delay, between 0 and 1. Default (JS client): 0.5. */
    public Builder randomizationFactor(double factor) {
      if (!(factor >= 0 && factor <= 1)) {
        throw new IllegalArgumentException("randomizationFactor must be in [0, 1]: " + factor);
      }
      this.randomizationFactor = factor;
      return this;
    }

    /** The connection timeout ({@link Duration#ZERO} for none). Default (JS client): 20000 ms. */
    public Builder timeout(Duration timeout) {
      this.timeoutMs = nonNegativeMillis(timeout, "timeout");
      return this;
    }

    /** Whether {@link SocketIoClient} creates a new manager for this socket. Default (JS client): false. */
    public Builder forceNew(boolean forceNew) {
      this.forceNew = forceNew;
      return this;
    }

    /** Whether {@link SocketIoClient} shares one manager between namespaces of a server. Default (JS): true. */
    public Builder multiplex(boolean multiplex) {
      this.multiplex = multiplex;
      return this;
    }

    /**
     * How many times an emit is retried when its acknowledgement does not come within {@link #ackTimeout}. With
     * retries, emits are sent one at a time, in order, each awaiting its acknowledgement. Default (JS client): 0.
     */
    public Builder retries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0: " + retries);
      }
      this.retries = retries;
      return this;
    }

    /** The default acknowledgement timeout ({@link Duration#ZERO} for none). Default (JS client): none. */
    public Builder ackTimeout(Duration timeout) {
      this.ackTimeoutMs = nonNegativeMillis(timeout, "ackTimeout");
      return this;
    }

    /**
     * How many emits a socket keeps while disconnected, flushed in order on (re)connection. Beyond, an emit is
     * refused: its acknowledgement fails with {@link SendBufferFullException}. Default: 10000 (JS client: no limit).
     */
    public Builder maxBufferedPackets(int max) {
      if (max < 0) {
        throw new IllegalArgumentException("maxBufferedPackets must be >= 0: " + max);
      }
      this.maxBufferedPackets = max;
      return this;
    }

    /**
     * The largest Engine.IO payload (polling response body or WebSocket message) accepted from the server; a larger
     * one closes the connection with a transport error. Default: 100 MiB (JS client: no limit).
     */
    public Builder maxIncomingPacketSize(int bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxIncomingPacketSize must be >= 1024: " + bytes);
      }
      this.maxIncomingPacketSize = bytes;
      return this;
    }

    /**
     * The TLS context for {@code https} and {@code wss}: its key and trust managers decide; OkHttp still checks the
     * server's name. {@link ConnectionOptions.Builder#tls} says the same more precisely, and can pin certificates.
     * Default: the JDK's default context.
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** How HTTP requests and WebSocket connections are made. Default: {@link ConnectionOptions#defaults()}. */
    public Builder connection(ConnectionOptions connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /** The OkHttp client carrying every request: {@link ConnectionOptions.Builder#httpClient}, in short. */
    public Builder httpClient(OkHttpClient httpClient) {
      this.connection = connection.toBuilder().httpClient(httpClient).build();
      return this;
    }

    /**
     * Whether {@link SocketIoClient#socket} connects the socket it returns; when not, call {@link Socket#connect()}.
     * Default (JS client): {@code true}.
     */
    public Builder autoConnect(boolean autoConnect) {
      this.autoConnect = autoConnect;
      return this;
    }

    /** The Jackson mapper converting payloads to and from Java types. Default: a plain {@code new ObjectMapper()}. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.objectMapper = Objects.requireNonNull(mapper, "objectMapper");
      return this;
    }

    /**
     * The prefix of the names of the threads a manager runs on: {@code <prefix>-io-N} (event loops) and
     * {@code <prefix>-events-N} (listeners), shared by the managers of one {@link SocketIoClient} that have the same
     * prefix. Default: {@code sio4j-client}.
     */
    public Builder threadNamePrefix(String prefix) {
      Objects.requireNonNull(prefix, "threadNamePrefix");
      if (prefix.trim().isEmpty()) {
        throw new IllegalArgumentException("threadNamePrefix must not be blank");
      }
      this.threadNamePrefix = prefix;
      return this;
    }

    /**
     * The Socket.IO parser, which must be the server's. Default (JS client): {@link SocketIoParser#json()}, the
     * protocol's text packets; {@link SocketIoParser#msgpack()} speaks {@code socket.io-msgpack-parser}.
     */
    public Builder parser(SocketIoParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    public ClientOptions build() {
      if (reconnectionDelayMaxMs < reconnectionDelayMs) {
        throw new IllegalArgumentException("reconnectionDelayMax (" + reconnectionDelayMaxMs
            + " ms) must not be below reconnectionDelay (" + reconnectionDelayMs + " ms)");
      }
      TlsOptions tls = connection.tls();
      if (sslContext != null && tls != null && (tls.trustManager() != null || tls.keyManager() != null)) {
        throw new IllegalArgumentException("sslContext and tls trust or key managers exclude each other");
      }
      return new ClientOptions(this);
    }

    private static long positiveMillis(Duration d, String name) {
      long ms = nonNegativeMillis(d, name);
      if (ms == 0) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return ms;
    }

    private static long nonNegativeMillis(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d.toMillis();
    }
  }
}
