package dev.sio4j.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.Future;
import java.io.IOException;

/**
 * A WebSocket client speaking a {@link Dialect}: waits for the Engine.IO OPEN, sends the Socket.IO CONNECT, answers
 * pings, and turns incoming frames into {@link ConnectionListener} calls. One instance per channel, used on that
 * channel's event loop only.
 */
final class WsConnection extends SimpleChannelInboundHandler<WebSocketFrame> implements Connection {
  private static final boolean DEBUG = Boolean.getBoolean("sio4j.bench.debug");
  private final int index;
  private final Dialect dialect;
  private final ConnectionListener listener;
  private final long startNanos;
  private volatile Channel channel;
  private long connectedNanos;
  private volatile boolean closing;
  private boolean failed;

  WsConnection(int index, Dialect dialect, ConnectionListener listener, long startNanos) {
    this.index = index;
    this.dialect = dialect;
    this.listener = listener;
    this.startNanos = startNanos;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    if (closing) {
      ctx.close(); // closed by the scenario before the channel was registered
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    // Nothing to do on HANDSHAKE_COMPLETE: both dialects wait for the server's first frame.
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      fail(new IOException("WebSocket handshake timed out"));
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame)) {
      return;
    }
    ByteBuf content = frame.content();
    if (DEBUG) {
      System.err.println("ws " + index + " <- " + content.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
    switch (dialect.classify(content)) {
      case OPEN:
        // Engine.IO OPEN; join the main namespace (Socket.IO CONNECT, no auth payload).
        ctx.writeAndFlush(new TextWebSocketFrame(Dialect.ascii(ctx.alloc(), "40")));
        break;
      case CONNECTED:
        if (connectedNanos == 0) {
          connectedNanos = System.nanoTime();
          listener.onConnected(this);
        }
        break;
      case PING:
        ctx.writeAndFlush(new TextWebSocketFrame(Dialect.ascii(ctx.alloc(), "3")));
        break;
      case ACK:
        listener.onAck(this, dialect.ackId(content));
        break;
      case DELIVERY:
        listener.onDelivery(this, content);
        break;
      case CLOSED:
        fail(new IOException("server closed the session: " + content.toString(java.nio.charset.StandardCharsets.UTF_8)));
        break;
      default:
        break;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fail(new IOException("connection closed"));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause);
    ctx.close();
  }

  void fail(Throwable cause) {
    if (!failed && !closing) {
      failed = true;
      listener.onFailure(this, cause);
    }
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public long startNanos() {
    return startNanos;
  }

  @Override
  public long connectedNanos() {
    return connectedNanos;
  }

  @Override
  public void echo(long id, String payload) {
    channel.writeAndFlush(new TextWebSocketFrame(dialect.echo(channel.alloc(), id, payload)), channel.voidPromise());
  }

  @Override
  public void join(long id, String room) {
    channel.writeAndFlush(new TextWebSocketFrame(dialect.join(channel.alloc(), id, room)), channel.voidPromise());
  }

  @Override
  public void broadcast(String room, String payload) {
    channel.writeAndFlush(new TextWebSocketFrame(dialect.broadcast(channel.alloc(), room, payload)),
        channel.voidPromise());
  }

  @Override
  public void execute(Runnable task) {
    channel.eventLoop().execute(task);
  }

  @Override
  public void schedule(Runnable task, long delayNanos) {
    channel.eventLoop().schedule(task, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public Future<Void> close() {
    closing = true;
    Channel c = channel;
    return c != null ? c.close() : io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
  }
}
