package dev.sio4j.bench.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many cheap clients against one server: raw WebSocket or long-polling connections speaking a
 * {@link Dialect}, no full client per connection. Owns its event loops (default one thread: pinned to its own core,
 * the load generator should not compete with the server). Client sockets are bound round-robin to the given local
 * addresses, so that more than one ephemeral port range is available (127.0.0.2, 127.0.0.3, ...), and close with
 * {@code SO_LINGER 0} so that thousands of closed connections leave no TIME_WAIT behind between scenarios.
 *
 * <p>Thread-safe; {@link #close} stops the event loops.
 */
public final class LoadGenerator implements AutoCloseable {
  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final InetSocketAddress server;
  private final Dialect dialect;
  private final List<InetAddress> sources;
  private final AtomicInteger nextSource = new AtomicInteger();
  private final URI wsUri;

  /**
   * @param server the server's address
   * @param dialect what the server speaks
   * @param threads event loop threads
   * @param sources local addresses to bind client sockets to, round-robin (empty: let the kernel pick)
   */
  public LoadGenerator(InetSocketAddress server, Dialect dialect, int threads, List<InetAddress> sources) {
    boolean epoll = Epoll.isAvailable();
    this.group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    this.server = server;
    this.dialect = dialect;
    this.sources = List.copyOf(sources);
    this.wsUri = URI.create("ws://" + server.getHostString() + ":" + server.getPort()
        + "/socket.io/?EIO=4&transport=websocket");
    this.bootstrap = new Bootstrap()
        .group(group)
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_LINGER, 0)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
  }

  /** The dialect this generator speaks. */
  public Dialect dialect() {
    return dialect;
  }

  private ChannelFuture connect(Bootstrap b) {
    if (sources.isEmpty()) {
      return b.connect(server);
    }
    InetAddress local = sources.get(Math.floorMod(nextSource.getAndIncrement(), sources.size()));
    return b.connect(server, new InetSocketAddress(local, 0));
  }

  /** Opens a WebSocket client; the listener hears of its handshake, or of its failure. */
  public Connection openWebSocket(int index, ConnectionListener listener) {
    WsConnection connection = new WsConnection(index, dialect, listener, System.nanoTime());
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(wsUri)
        .version(WebSocketVersion.V13)
        .handshakeTimeoutMillis(30_000)
        .maxFramePayloadLength(1 << 20)
        .build();
    Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
            new WebSocketClientProtocolHandler(config), connection);
      }
    });
    connect(b).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        connection.fail(f.cause());
      }
    });
    return connection;
  }

  /**
   * Opens a long-polling client; Socket.IO dialect only. {@code keepAlive}: reuse one connection for GETs and one
   * for POSTs, or open a connection per request.
   */
  public Connection openPolling(int index, ConnectionListener listener, boolean keepAlive) {
    if (dialect != Dialect.SOCKET_IO) {
      throw new UnsupportedOperationException("long-polling needs the Socket.IO dialect");
    }
    EventLoop loop = group.next();
    Bootstrap b = bootstrap.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
      }
    });
    PollingConnection connection = new PollingConnection(index, listener, System.nanoTime(),
        server.getHostString() + ":" + server.getPort(), "/socket.io/", loop, () -> connect(b), keepAlive);
    loop.execute(connection::start);
    return connection;
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
