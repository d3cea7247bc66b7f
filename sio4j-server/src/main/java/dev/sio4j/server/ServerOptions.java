package dev.sio4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.protocol.socketio.SocketIoDecoder;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.InMemoryAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The options of a {@link SocketIoServer}. Immutable; built with {@link #builder()}, each setter validating its value.
 * Defaults follow the reference server (named on each setter).
 */
public final class ServerOptions {
  /** The default of {@link Builder#warmUpConnections}: enough to load and initialise the connection paths. */
  public static final int DEFAULT_WARM_UP_CONNECTIONS = 4;

  private final String path;
  private final Duration connectTimeout;
  private final boolean serveClient;
  private final int maxAttachments;
  private final SocketIoParser parser;
  private final int maxPendingPackets;
  private final SlowConsumerPolicy slowConsumerPolicy;
  private final Duration backpressureTimeout;
  private final Duration backpressureStallTimeout;
  private final boolean cleanupEmptyChildNamespaces;
  private final ConnectionStateRecovery connectionStateRecovery;
  private final ExecutorService handlerExecutor;
  private final AdapterFactory adapterFactory;
  private final ObjectMapper mapper;
  private final EngineOptions engine;
  private final List<HttpHandler> httpHandlers;
  private final TrustedProxies trustedProxies;
  private final int warmUpConnections;

  private ServerOptions(Builder b) {
    this.path = b.path;
    this.connectTimeout = b.connectTimeout;
    this.serveClient = b.serveClient;
    this.maxAttachments = b.maxAttachments;
    this.parser = b.parser;
    this.maxPendingPackets = b.maxPendingPackets;
    this.slowConsumerPolicy = b.slowConsumerPolicy;
    this.backpressureTimeout = b.backpressureTimeout;
    this.backpressureStallTimeout = b.backpressureStallTimeout;
    this.cleanupEmptyChildNamespaces = b.cleanupEmptyChildNamespaces;
    this.connectionStateRecovery = b.connectionStateRecovery;
    this.handlerExecutor = b.handlerExecutor;
    this.adapterFactory = b.adapterFactory;
    this.mapper = b.mapper;
    this.engine = b.engine.toBuilder().path(b.path).build();
    this.httpHandlers = List.copyOf(b.httpHandlers);
    this.trustedProxies = b.trustedProxies;
    this.warmUpConnections = b.warmUpConnections;
  }

  /** The defaults. */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The path the server answers under, e.g. {@code /socket.io/}. */
  public String path() {
    return path;
  }

  /** How long a connection may stay without joining any namespace before it is closed. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Whether the browser client file is served under the path. */
  public boolean serveClient() {
    return serveClient;
  }

  /** The most binary attachments one incoming packet may announce. */
  public int maxAttachments() {
    return maxAttachments;
  }

  /** The Socket.IO parser every client of this server must use. */
  public SocketIoParser parser() {
    return parser;
  }

  /** The most incoming packets one socket may have waiting for its handlers. */
  public int maxPendingPackets() {
    return maxPendingPackets;
  }

  /**
   * What happens to a socket once its send buffer is full, unless its namespace says otherwise ({@link
   * Namespace#slowConsumerPolicy}). Default {@link SlowConsumerPolicy#DISCONNECT}, the one that never loses a packet
   * unannounced.
   */
  public SlowConsumerPolicy slowConsumerPolicy() {
    return slowConsumerPolicy;
  }

  /**
   * How long a handler that emitted to congested sockets waits for them to drain; see
   * {@link Builder#backpressureTimeout(Duration)}.
   */
  public Duration backpressureTimeout() {
    return backpressureTimeout;
  }

  /**
   * How long a handler waits for a congested socket that does not drain; see
   * {@link Builder#backpressureStallTimeout(Duration)}.
   */
  public Duration backpressureStallTimeout() {
    return backpressureStallTimeout;
  }

  /** Whether a child of a dynamic namespace is removed when its last socket leaves. */
  public boolean cleanupEmptyChildNamespaces() {
    return cleanupEmptyChildNamespaces;
  }

  /** The connection state recovery options, empty when recovery is off (the default). */
  public Optional<ConnectionStateRecovery> connectionStateRecovery() {
    return Optional.ofNullable(connectionStateRecovery);
  }

  /** The executor of user handlers, or {@code null} for the server's own default. */
  public ExecutorService handlerExecutor() {
    return handlerExecutor;
  }

  /** Creates each namespace's adapter. */
  public AdapterFactory adapterFactory() {
    return adapterFactory;
  }

  /** The Jackson mapper binding arguments, or {@code null} for the codec's own configuration. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The Engine.IO options (heartbeat, payload limit, transports, CORS...), with {@link #path()} as their path. */
  public EngineOptions engine() {
    return engine;
  }

  /** The application's HTTP handlers, asked before the engine by the binding {@code listen} starts. */
  public List<HttpHandler> httpHandlers() {
    return httpHandlers;
  }

  /**
   * The proxies whose {@code X-Forwarded-For} names the client in {@link Handshake#address()}; see
   * {@link Builder#trustedProxies(TrustedProxies)}.
   */
  public TrustedProxies trustedProxies() {
    return trustedProxies;
  }

  /** The connections {@link SocketIoServer#listen} makes to a private copy of the server before it opens the port. */
  public int warmUpConnections() {
    return warmUpConnections;
  }

  /**
   * The options of the private server a warm-up talks to: these, less everything that reaches the application or
   * other servers (its adapter, its request and header hooks, its HTTP handlers, the browser client files) and the
   * warm-up itself; the JSON parser, which the warm-up's clients speak.
   */
  ServerOptions forWarmUp() {
    Builder b = toBuilder();
    b.adapterFactory = InMemoryAdapter::new;
    b.httpHandlers.clear();
    b.serveClient = false;
    b.parser = SocketIoParser.json();
    b.warmUpConnections = 0;
    b.engine = engine.toBuilder().allowRequest(null).initialHeaders(null).headers(null).generateId(null).build();
    return b.build();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.path = path;
    b.connectTimeout = connectTimeout;
    b.serveClient = serveClient;
    b.maxAttachments = maxAttachments;
    b.parser = parser;
    b.maxPendingPackets = maxPendingPackets;
    b.slowConsumerPolicy = slowConsumerPolicy;
    b.backpressureTimeout = backpressureTimeout;
    b.backpressureStallTimeout = backpressureStallTimeout;
    b.cleanupEmptyChildNamespaces = cleanupEmptyChildNamespaces;
    b.connectionStateRecovery = connectionStateRecovery;
    b.handlerExecutor = handlerExecutor;
    b.adapterFactory = adapterFactory;
    b.mapper = mapper;
    b.engine = engine;
    b.httpHandlers.addAll(httpHandlers);
    b.trustedProxies = trustedProxies;
    b.warmUpConnections = warmUpConnections;
    return b;
  }

  /** Builds {@link ServerOptions}. Not thread-safe. */
  public static final class Builder {
    private String path = "/socket.io/";
    private Duration connectTimeout = Duration.ofMillis(45_000);
    private boolean serveClient = true;
    private int maxAttachments = SocketIoDecoder.DEFAULT_MAX_ATTACHMENTS;
    private SocketIoParser parser = SocketIoParser.json();
    private int maxPendingPackets = 10_000;
    private SlowConsumerPolicy slowConsumerPolicy = SlowConsumerPolicy.DISCONNECT;
    private Duration backpressureTimeout = Duration.ofSeconds(5);
    private Duration backpressureStallTimeout = Duration.ofMillis(250);
    private boolean cleanupEmptyChildNamespaces;
    private ConnectionStateRecovery connectionStateRecovery;
    private ExecutorService handlerExecutor;
    private AdapterFactory adapterFactory = InMemoryAdapter::new;
    private ObjectMapper mapper;
    private EngineOptions engine = EngineOptions.defaults();
    private final List<HttpHandler> httpHandlers = new ArrayList<>();
    private TrustedProxies trustedProxies = TrustedProxies.none();
    private int warmUpConnections = DEFAULT_WARM_UP_CONNECTIONS;

    private Builder() {}

    /**
     * The Engine.IO options (defaults: {@code EngineOptions.defaults()}, the reference engine's pingInterval 25 000 ms,
     * pingTimeout 20 000 ms, maxPayload 1 000 000 bytes...). Their path is replaced by {@link #path(String)}.
     */
    public Builder engine(EngineOptions engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** Adds an HTTP handler (an application's pages), asked in the order added before the engine. */
    public Builder httpHandler(HttpHandler handler) {
      httpHandlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** The path, starting with {@code /} (default {@code /socket.io/}, as the reference). A trailing slash is added. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': " + path);
      }
      this.path = path.endsWith("/") ? path : path + "/";
      return this;
    }

    /** The connect timeout (default 45 000 ms, as the reference's {@code connectTimeout}); positive. */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Whether to serve the browser client file (default true, as the reference's {@code serveClient}). */
    public Builder serveClient(boolean serveClient) {
      this.serveClient = serveClient;
      return this;
    }

    /**
     * The most attachments per incoming packet (default 10, as the reference parser's {@code maxAttachments}), for the
     * JSON parser; the msgpack parser sends binary inline and has no attachments.
     */
    public Builder maxAttachments(int maxAttachments) {
      if (maxAttachments < 1) {
        throw new IllegalArgumentException("maxAttachments must be at least 1: " + maxAttachments);
      }
      this.maxAttachments = maxAttachments;
      return this;
    }

    /**
     * The Socket.IO parser (default {@link SocketIoParser#json()}, as the reference's default
     * {@code socket.io-parser}). Clients must be configured with the same one: {@link SocketIoParser#msgpack()} talks
     * to official clients given {@code parser: require("socket.io-msgpack-parser")}, whose browser bundle the server
     * serves as {@code <path>socket.io.msgpack.min.js}.
     */
    public Builder parser(SocketIoParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /** See {@link ServerOptions#slowConsumerPolicy()}. */
    public Builder slowConsumerPolicy(SlowConsumerPolicy policy) {
      this.slowConsumerPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The most incoming packets (events, acks) one socket may have queued behind its running handler (default 10 000;
     * the reference has no such bound: its event loop runs handlers inline). A client that piles up more is
     * disconnected with "forced server close": memory stays bounded whatever a client sends to a slow handler.
     */
    public Builder maxPendingPackets(int maxPendingPackets) {
      if (maxPendingPackets < 1) {
        throw new IllegalArgumentException("maxPendingPackets must be at least 1: " + maxPendingPackets);
      }
      this.maxPendingPackets = maxPendingPackets;
      return this;
    }

    /**
     * Back-pressure on handlers (default 5 s; zero turns it off). A socket whose connection holds more than its
     * high-water mark of packets not yet written ({@code EngineOptions.sendBufferHighWaterBytes()}, 1 MiB, or half of
     * {@code sendBufferSize()}) is congested. A handler that emitted to congested sockets (an emit, a broadcast, an
     * acknowledgement) waits, when the emit returns, until they are back at half that mark, at most this long: a burst
     * then goes out at the pace of its slowest reader, and a client that is only slower for a moment is neither cut
     * off nor starved. A socket still congested after the wait is not waited for again until it drains; if it never
     * does, its buffer reaches the hard limit ({@code sendBufferBytes()}, 16 MiB) and the server closes its connection
     * ({@link DisconnectReason#SEND_BUFFER_FULL}) rather than drop a packet. Only handler threads (listeners,
     * middlewares, acknowledgement callbacks run by the server) wait; emits from other threads never block, and fill
     * the buffer up to its hard limit. A socket that does not drain for {@link #backpressureStallTimeout}
     * (a reader that stopped) is given up sooner. The reference has no such wait: its send buffers are unbounded.
     */
    public Builder backpressureTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("backpressureTimeout must not be negative: " + timeout);
      }
      this.backpressureTimeout = timeout;
      return this;
    }

    /**
     * How long a handler waits for a congested socket that does not drain (default 250 ms; at least zero, at most
     * {@link #backpressureTimeout}): one that wrote nothing to the network for this long, or whose backlog shrank, over
     * this long, too little to come down by half before {@code backpressureTimeout} at that pace. A reader that is
     * only slower drains, and the handler keeps pace with it up to {@code backpressureTimeout}; a reader that stopped
     * (a phone in a tunnel, a frozen tab), even one whose kernel still takes a trickle, costs the handler about this
     * long once, so that it holds back the other sockets of a room it broadcasts to for no longer than that. It is
     * then not waited for again until it drains, and its buffer fills to the hard limit, where the socket's
     * {@link SlowConsumerPolicy} applies.
     */
    public Builder backpressureStallTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("backpressureStallTimeout must not be negative: " + timeout);
      }
      this.backpressureStallTimeout = timeout;
      return this;
    }

    /**
     * Whether a child namespace created by a dynamic namespace ({@code io.of(Pattern)}) is removed, with its adapter,
     * once its last socket left (default false, as the reference's {@code cleanupEmptyChildNamespaces}). Turn it on
     * when clients may open many short-lived child namespaces.
     */
    public Builder cleanupEmptyChildNamespaces(boolean cleanup) {
      this.cleanupEmptyChildNamespaces = cleanup;
      return this;
    }

    /**
     * Turns connection state recovery on with {@code recovery} (e.g. {@link ConnectionStateRecovery#defaults()}), or
     * off with {@code null} (default off, as the reference's {@code connectionStateRecovery}). With an adapter other
     * than the in-memory one, recovery works only if that adapter implements {@code persistSession} and
     * {@code restoreSession}.
     */
    public Builder connectionStateRecovery(ConnectionStateRecovery recovery) {
      this.connectionStateRecovery = recovery;
      return this;
    }

    /**
     * The executor running user handlers (each socket's handlers in order on top of it). Default: virtual threads on
     * JDK 21+; else a pool that keeps as many threads running as there are cores, takes the events an event loop read
     * in one iteration in one hand-off, and lets more threads in while handlers block (a handler running for over
     * 2 ms counts as blocked), up to {@code max(256, 16 × cores)} threads. The default one is owned and shut down by
     * the server, one given here is not.
     */
    public Builder handlerExecutor(ExecutorService handlerExecutor) {
      this.handlerExecutor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
      return this;
    }

    /** Creates the adapters (default {@code InMemoryAdapter::new}, as the reference). */
    public Builder adapterFactory(AdapterFactory adapterFactory) {
      this.adapterFactory = Objects.requireNonNull(adapterFactory, "adapterFactory");
      return this;
    }

    /**
     * The Jackson mapper binding event arguments to Java types and back (default: a strict mapper from
     * {@code SocketIoJson.newMapper()}). Register your modules on it; do not enable pretty printing.
     */
    public Builder mapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * The reverse proxies trusted to name the client in {@code X-Forwarded-For}, e.g.
     * {@code TrustedProxies.of("127.0.0.1", "10.0.0.0/8")}. Default {@link TrustedProxies#none()}: the handshake
     * address is the direct peer's, as the reference server's; behind nginx or a cloud balancer that is the balancer's.
     */
    public Builder trustedProxies(TrustedProxies trustedProxies) {
      this.trustedProxies = Objects.requireNonNull(trustedProxies, "trustedProxies");
      return this;
    }

    /**
     * How many connections {@link SocketIoServer#listen} makes, over loopback, to a private copy of this server before
     * it opens the port (default {@value #DEFAULT_WARM_UP_CONNECTIONS}; 0: none). Each runs the handshake, the
     * Socket.IO connection, an event with its ack and the disconnection, over WebSocket and, one in four, over HTTP
     * long-polling (as far as {@link EngineOptions#transports()} allows). Nothing of it reaches the application: the
     * private server has none of its listeners, middlewares or hooks, and the in-memory adapter instead of this one.
     * It stops after 30 s whatever it has done.
     *
     * <p>The default's few connections load and initialise the classes of those paths, which a freshly started JVM
     * otherwise does while its first clients wait: about half a second on one core, paid by every client of a
     * reconnect storm that arrives meanwhile (in the benchmark's 10,000 connections into a fresh process, 256 at a
     * time, the p99 time to connect fell from about 0.9 s to 0.5 s). {@code listen} takes that much longer in a fresh
     * JVM, a few tens of milliseconds in one that has run a server before.
     *
     * <p>Thousands of connections also let the JIT compile those paths, which a fresh JVM otherwise runs interpreted,
     * its first thousands of clients connecting at half the pace of later ones. That costs mostly the JIT's work,
     * moved from the first clients to the start: on one core, 2,000 connections make {@code listen} take about 6 s
     * longer (1,000: about 4 s). Worth it where a server is taken into service only once it listens (a rolling deploy
     * behind a balancer's readiness check), so that it meets a reconnect storm warm.
     */
    public Builder warmUpConnections(int connections) {
      if (connections < 0) {
        throw new IllegalArgumentException("warmUpConnections must not be negative: " + connections);
      }
      this.warmUpConnections = connections;
      return this;
    }

    /** The options. */
    public ServerOptions build() {
      return new ServerOptions(this);
    }
  }
}
