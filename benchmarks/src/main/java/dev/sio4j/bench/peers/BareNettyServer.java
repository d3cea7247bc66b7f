package dev.sio4j.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The floor for the JVM: a bare Netty WebSocket server with the benchmark's three operations and no Socket.IO
 * framing. Text frames: the server sends {@code o} on open; {@code e...} is echoed unchanged (the "ack");
 * {@code j<id>|<room>} joins a room and answers {@code e<id>|}; {@code b<room>|<payload>} sends {@code m<payload>}
 * to every member of the room, encoded once. Writes are flushed once per read batch.
 *
 * <p>Lifecycle: {@link #start} binds, {@link #close} stops the event loops. Thread-safe.
 */
public final class BareNettyServer implements PeerMain.Peer {
  private final EventLoopGroup group;
  private final Map<String, ChannelGroup> rooms = new ConcurrentHashMap<>();
  private volatile Channel server;

  private BareNettyServer(EventLoopGroup group) {
    this.group = group;
  }

  /** Binds 127.0.0.1:{@code port} (0 for any free port). */
  public static BareNettyServer start(int port) throws InterruptedException {
    boolean epoll = Epoll.isAvailable();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    BareNettyServer self = new BareNettyServer(group);
    WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(65536).build();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                new WebSocketServerProtocolHandler(ws), self.new Handler());
          }
        });
    self.server = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    return self;
  }

  @Override
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  public static void main(String[] args) throws Exception {
    PeerMain.serve(args, BareNettyServer::start);
  }

  private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
        ctx.writeAndFlush(new TextWebSocketFrame("o"));
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      ByteBuf content = frame.content();
      if (!content.isReadable()) {
        return;
      }
      byte op = content.getByte(content.readerIndex());
      if (op == 'e') {
        ctx.write(frame.retain());
      } else if (op == 'j') {
        int bar = content.indexOf(content.readerIndex(), content.writerIndex(), (byte) '|');
        String id = content.toString(content.readerIndex() + 1, bar - content.readerIndex() - 1,
            StandardCharsets.US_ASCII);
        String room = content.toString(bar + 1, content.writerIndex() - bar - 1, StandardCharsets.UTF_8);
        rooms.computeIfAbsent(room, r -> new DefaultChannelGroup(r, GlobalEventExecutor.INSTANCE))
            .add(ctx.channel());
        ctx.write(new TextWebSocketFrame("e" + id + "|"));
      } else if (op == 'b') {
        int bar = content.indexOf(content.readerIndex(), content.writerIndex(), (byte) '|');
        String room = content.toString(content.readerIndex() + 1, bar - content.readerIndex() - 1,
            StandardCharsets.UTF_8);
        ChannelGroup members = rooms.get(room);
        if (members != null) {
          ByteBuf out = ctx.alloc().buffer(content.writerIndex() - bar);
          out.writeByte('m').writeBytes(content, bar + 1, content.writerIndex() - bar - 1);
          // One buffer for the whole room: the group writes a retained duplicate to each member.
          members.writeAndFlush(new TextWebSocketFrame(out));
        }
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
