package dev.sio4j.netty;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.netty.internal.BindingConfig;
import dev.sio4j.netty.internal.ChannelInitializerFactory;
import dev.sio4j.netty.internal.TlsContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The embedded HTTP + WebSocket server carrying an {@link EngineServer}'s traffic on Netty.
 *
 * <pre>{@code
 * EngineServer engine = new EngineServer(EngineOptions.defaults(), listener);
 * NettyServer server = NettyServer.builder().engine(engine).port(3000).start();
 * ...
 * server.close(); // stops accepting, closes every session with "server shutting down", stops the event loops
 * }</pre>
 *
 * <p>Plain HTTP by default; HTTPS and WSS with {@link Builder#tls(SSLContext)} or {@link Builder#tls(Path, Path,
 * String)}. Requests go first to the {@link HttpHandler}s in order, then to the engine when under its path, else 404.
 * Uses native epoll where available, NIO otherwise. Lifecycle: running from {@link Builder#start()} until
 * {@link #closeAsync()}; thread-safe. The server owns its event loops.
 */
public final class NettyServer implements ServerBinding {
  private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

  /** Which Netty transport to use. */
  public enum IoTransport {
    /** Native epoll when available (Linux), NIO otherwise. The default. */
    AUTO,
    /** Java NIO. */
    NIO,
    /** Native epoll; {@link Builder#start()} fails where it is not available. */
    EPOLL
  }

  private final EngineServer engine;
  private final boolean closeEngine;
  private final long quietPeriodMillis;
  private final long drainOnCloseMillis;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final Channel serverChannel;
  private final boolean epoll;
  private final boolean secure;
  private final AtomicInteger connections = new AtomicInteger();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile boolean closing;

  private NettyServer(Builder b) throws IOException {
    // resolved first: a refused combination must fail before any thread starts
    TlsContext tls = b.tls == null ? null : b.tls.withClientAuth(b.tlsClientAuth);
    this.engine = b.engine;
    this.closeEngine = b.closeEngine;
    this.quietPeriodMillis = b.quietPeriodMillis;
    this.drainOnCloseMillis = b.drainOnCloseMillis;
    boolean useEpoll = switch (b.transport) {
      case AUTO -> Epoll.isAvailable();
      case NIO -> false;
      case EPOLL -> {
        Epoll.ensureAvailability();
        yield true;
      }
    };
    this.epoll = useEpoll;
    this.secure = b.tls != null;
    IoHandlerFactory io = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.bossGroup = new MultiThreadIoEventLoopGroup(b.bossThreads, new DefaultThreadFactory("sio4j-boss"), io);
    this.workerGroup = new MultiThreadIoEventLoopGroup(b.workerThreads, new DefaultThreadFactory("sio4j-io"), io);
    Class<? extends ServerChannel> channelType = useEpoll ? EpollServerSocketChannel.class
        : NioServerSocketChannel.class;
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, b.backlog)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(b.lowWaterMark, b.highWaterMark));
    // Netty's socket configs turn Nagle's algorithm off as they are made, wherever the platform allows it: asking
    // again would cost every accepted connection a second setsockopt (a polling client makes one per request)
    if (!PlatformDependent.canEnableTcpNoDelayByDefault()) {
      bootstrap.childOption(ChannelOption.TCP_NODELAY, true);
    }
    bootstrap.childHandler(ChannelInitializerFactory.create(engine, new BindingConfig(b.handlers,
        b.maxInitialLineLength, b.maxHeaderSize, b.idleTimeoutMillis, b.closeFrameTimeoutMillis, tls, connections)));
    InetSocketAddress address = b.host == null ? new InetSocketAddress(b.port) : new InetSocketAddress(b.host, b.port);
    try {
      this.serverChannel = bootstrap.bind(address).sync().channel();
    } catch (Exception e) {
      bossGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workerGroup.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IOException("cannot bind " + address, e);
    }
    log.atLevel(b.announce ? Level.INFO : Level.DEBUG)
        .log("sio4j listening on {} ({}{})", serverChannel.localAddress(), useEpoll ? "epoll" : "nio",
            secure ? ", TLS" : "");
  }

  /** A builder: port 3000 on every interface, epoll when available. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** Whether connections are TLS (https and wss): the builder was given {@code tls(...)}. */
  public boolean isSecure() {
    return secure;
  }

  /** The connections open now (HTTP keep-alive, held long-polling GETs, WebSockets). */
  public int openConnections() {
    return connections.get();
  }

  /** Whether the native epoll transport is in use. */
  public boolean usesEpoll() {
    return epoll;
  }

  /**
   * With {@link Builder#drainOnClose} set, first drains the engine ({@link EngineServer#drain}: new handshakes get
   * 503, the open sessions are closed in waves as transport closes, and their clients reconnect to another node).
   * Then stops accepting connections, closes the engine's sessions with "server shutting down" (unless the builder said
   * {@code closeEngine(false)}), lets the last writes go out, then stops the event loops.
   */
  @Override
  public CompletableFuture<Void> closeAsync() {
    if (closing) {
      return closed;
    }
    closing = true;
    if (closeEngine && drainOnCloseMillis > 0) {
      // the listening socket stays open meanwhile: a balancer gets a quick 503 for a handshake rather than a timeout
      engine.drain(java.time.Duration.ofMillis(drainOnCloseMillis)).whenComplete((v, e) -> stop());
    } else {
      stop();
    }
    return closed;
  }

  private void stop() {
    serverChannel.close().addListener(f -> {
      if (closeEngine) {
        engine.close();
      }
      // a short quiet period lets the CLOSE packets and close frames written above reach the peers
      var boss = bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      var workers = workerGroup.shutdownGracefully(quietPeriodMillis, 2_000, TimeUnit.MILLISECONDS);
      workers.addListener(w -> boss.addListener(x -> closed.complete(null)));
    });
  }

  /** Builds and starts a {@link NettyServer}; each setter validates. Not thread-safe. */
  public static final class Builder {
    private EngineServer engine;
    private final List<HttpHandler> handlers = new ArrayList<>();
    private String host;
    private int port = 3000;
    private IoTransport transport = IoTransport.AUTO;
    private int bossThreads = 1;
    private int workerThreads;
    private int backlog = 1024;
    private int maxInitialLineLength = 8192;
    private int maxHeaderSize = 16384;
    private boolean closeEngine = true;
    private boolean announce = true;
    private long quietPeriodMillis = 100;
    private long idleTimeoutMillis = 60_000;
    private TlsContext tls;
    private TlsClientAuth tlsClientAuth = TlsClientAuth.NONE;
    private int lowWaterMark = 32 * 1024;
    private int highWaterMark = 64 * 1024;
    private long closeFrameTimeoutMillis = 5_000;
    private long drainOnCloseMillis;

    private Builder() {}

    /**
     * Drains the engine over {@code duration} when the server is closed ({@link #closeAsync()}), so that a rolling
     * restart moves the clients to the other nodes in waves rather than all at once. Default zero: no drain, the
     * sessions are closed with "server shutting down" at once. A {@code SocketIoServer} user calls
     * {@code io.drain(duration)} instead, which also waits for the sessions to be handed to the adapter.
     */
    public Builder drainOnClose(java.time.Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("drainOnClose must not be negative: " + duration);
      }
      this.drainOnCloseMillis = duration.toMillis();
      return this;
    }

    /**
     * A connection's outbound buffer marks, in bytes: above {@code high} the connection is not writable ({@link
     * dev.sio4j.engine.EngineSocket#isWritable()} false for a WebSocket session, so volatile packets are dropped and
     * producers can back off), below {@code low} it is again. The session's {@code sendBufferSize} still bounds what
     * waits. Default 32 KiB and 64 KiB (Netty's).
     */
    public Builder writeBufferWaterMark(int low, int high) {
      if (low < 0 || high < low || high == 0) {
        throw new IllegalArgumentException("need 0 <= low <= high, high > 0: " + low + ", " + high);
      }
      this.lowWaterMark = low;
      this.highWaterMark = high;
      return this;
    }

    /**
     * How long a WebSocket's close frame, queued behind what the connection still has to write, may wait to be
     * written before the connection is closed without it and the backlog dropped (a peer that stopped reading).
     * Default 5 seconds (Node's ws waits 30 s for the closing handshake; this server does not wait for the peer's
     * close frame once its own is written).
     */
    public Builder closeFrameTimeout(java.time.Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("closeFrameTimeout must be positive: " + timeout);
      }
      this.closeFrameTimeoutMillis = timeout.toMillis();
      return this;
    }

    /**
     * Serves HTTPS and WSS with {@code context} (server mode, no client certificate asked unless {@link
     * #tlsClientAuth}; its own protocols and cipher suites). Sessions opened over it report {@link dev.sio4j.engine.EngineRequest#secure()} true (a
     * sticky-session cookie gets its {@code Secure} attribute from {@code CookieOptions}, not from this). A peer
     * that does not complete the TLS handshake within 10 seconds (Netty's default) is dropped. Default: no TLS
     * (plain HTTP and WS). ALPN is not offered: the server speaks HTTP/1.1, as Engine.IO needs.
     */
    public Builder tls(SSLContext context) {
      this.tls = TlsContext.of(context);
      return this;
    }

    /**
     * Asks TLS clients for a certificate ({@link TlsClientAuth#REQUIRE}: mutual TLS), verified by the trust managers of
     * the context given to {@link #tls(SSLContext)}. Default {@link TlsClientAuth#NONE}. Not for TLS from PEM files:
     * starting fails with {@link IllegalStateException}.
     */
    public Builder tlsClientAuth(TlsClientAuth clientAuth) {
      this.tlsClientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
      return this;
    }

    /**
     * Serves HTTPS and WSS with a PEM certificate chain (server certificate first) and its PKCS#8 PEM private key,
     * read now; {@code keyPassword} for an encrypted key, else {@code null}. See {@link #tls(SSLContext)}.
     *
     * @throws SSLException when a file cannot be read or parsed
     */
    public Builder tls(Path certificateChainPem, Path privateKeyPem, String keyPassword) throws SSLException {
      this.tls = TlsContext.fromPem(Objects.requireNonNull(certificateChainPem, "certificateChainPem"),
          Objects.requireNonNull(privateKeyPem, "privateKeyPem"), keyPassword);
      return this;
    }

    /**
     * How long an HTTP connection may stay without traffic while no long-polling GET is held on it (a keep-alive
     * connection between requests, a request arriving too slowly) before it is closed. Default 60 seconds, as Node's
     * {@code headersTimeout}. WebSocket connections are watched by the Engine.IO heartbeat instead.
     */
    public Builder idleTimeout(java.time.Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + timeout);
      }
      this.idleTimeoutMillis = timeout.toMillis();
      return this;
    }

    /** The engine to serve (required). */
    public Builder engine(EngineServer engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** Adds a handler asked before the engine, in the order added (an application's pages, the client file). */
    public Builder handler(HttpHandler handler) {
      handlers.add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** Adds handlers, in order. */
    public Builder handlers(List<HttpHandler> handlers) {
      handlers.forEach(this::handler);
      return this;
    }

    /** The interface to bind (a host name or address); default every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port, 0 for any free one (see {@link NettyServer#address()}). Default 3000. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The Netty transport. Default {@link IoTransport#AUTO}. */
    public Builder transport(IoTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Threads accepting connections. Default 1. */
    public Builder bossThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("bossThreads must be >= 1: " + threads);
      }
      this.bossThreads = threads;
      return this;
    }

    /** I/O threads serving connections; 0 means Netty's default (twice the processors). Default 0. */
    public Builder workerThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("workerThreads must be >= 0: " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /** The accept backlog. Default 1024. */
    public Builder backlog(int backlog) {
      if (backlog < 1) {
        throw new IllegalArgumentException("backlog must be >= 1: " + backlog);
      }
      this.backlog = backlog;
      return this;
    }

    /** The longest request line accepted; longer ones get 400. Default 8192. */
    public Builder maxInitialLineLength(int length) {
      if (length < 256) {
        throw new IllegalArgumentException("maxInitialLineLength must be >= 256: " + length);
      }
      this.maxInitialLineLength = length;
      return this;
    }

    /** The largest header block accepted; larger ones get 400. Default 16384. */
    public Builder maxHeaderSize(int size) {
      if (size < 1024) {
        throw new IllegalArgumentException("maxHeaderSize must be >= 1024: " + size);
      }
      this.maxHeaderSize = size;
      return this;
    }

    /** Whether {@link NettyServer#closeAsync()} closes the engine's sessions. Default true. */
    public Builder closeEngine(boolean closeEngine) {
      this.closeEngine = closeEngine;
      return this;
    }

    // A warm-up's private server (NettyServerBindingFactory): its address is of no use to anyone reading the log, and
    // it stops with no client left, so without the quiet period that lets the last writes reach the peers (a listen
    // waits for it to stop)
    Builder forWarmUp() {
      this.announce = false;
      this.quietPeriodMillis = 0;
      return this;
    }

    /** Binds and starts serving. */
    public NettyServer start() throws IOException {
      if (engine == null) {
        throw new IllegalStateException("engine is required");
      }
      return new NettyServer(this);
    }
  }
}
