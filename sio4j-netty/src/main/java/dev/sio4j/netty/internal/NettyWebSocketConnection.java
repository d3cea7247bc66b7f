package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes Engine.IO packets as WebSocket frames. A text packet's frame wraps its cached {@link
 * EngineIoPacket#utf8Frame()}: a broadcast's bytes are encoded once and shared by every recipient, never copied.
 * {@link #isWritable()} is the channel's: false while its outbound buffer is above the server's high-water mark.
 *
 * <p>Frames leave in the order of the calls to {@link #write} and {@link #close}, whichever thread makes them: the
 * session's serial executor runs on whichever thread submits to it, the channel's I/O thread included (when a write
 * completes), so a call made there must not go straight to the channel while calls from other threads still wait in
 * its task queue (it would overtake them: a kept broadcast replayed out of offset order).
 */
final class NettyWebSocketConnection implements WebSocketConnection {
  private final Channel channel;
  private final long closeFrameTimeoutMillis;
  /** Calls handed to the I/O thread that have not started yet: while any, later calls queue behind them. */
  private final AtomicInteger handedOver = new AtomicInteger();

  NettyWebSocketConnection(Channel channel, long closeFrameTimeoutMillis) {
    this.channel = channel;
    this.closeFrameTimeoutMillis = closeFrameTimeoutMillis;
  }

  @Override
  public void write(List<EngineIoPacket> packets, boolean compress, Runnable written) {
    inOrder(() -> doWrite(packets, compress, written));
  }

  /** Runs {@code action} on the I/O thread after every call handed over before it: at once only when none waits. */
  private void inOrder(Runnable action) {
    if (channel.eventLoop().inEventLoop() && handedOver.get() == 0) {
      action.run();
      return;
    }
    handedOver.incrementAndGet();
    try {
      channel.eventLoop().execute(() -> {
        handedOver.decrementAndGet();
        action.run();
      });
    } catch (RuntimeException e) {
      handedOver.decrementAndGet();
      throw e;
    }
  }

  private void doWrite(List<EngineIoPacket> packets, boolean compress, Runnable written) {
    if (!channel.isActive()) {
      written.run();
      return;
    }
    int last = packets.size() - 1;
    for (int i = 0; i <= last; i++) {
      WebSocketFrame frame = frame(packets.get(i), compress);
      if (i < last) {
        channel.write(frame, channel.voidPromise());
      } else {
        channel.writeAndFlush(frame).addListener(f -> written.run());
      }
    }
    if (last < 0) {
      written.run();
    }
  }

  private static WebSocketFrame frame(EngineIoPacket packet, boolean compress) {
    if (packet.isBinary()) {
      return compress ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(packet.binary()))
          : new UncompressedFrames.Binary(Unpooled.wrappedBuffer(packet.binary()));
    }
    return compress ? new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.utf8Frame()))
        : new UncompressedFrames.Text(Unpooled.wrappedBuffer(packet.utf8Frame()));
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void close(int code, String reason) {
    // after the frames already written (a last message, a Socket.IO DISCONNECT)
    inOrder(() -> doClose(code, reason));
  }

  private void doClose(int code, String reason) {
    if (!channel.isActive()) {
      return;
    }
    // the close frame follows what is still buffered (a last message, a Socket.IO DISCONNECT); a peer that stopped
    // reading would keep that backlog and the connection forever: after closeFrameTimeout the connection is closed
    // and its buffers dropped (Node's ws destroys the socket 30 s after its close frame)
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    ScheduledFuture<?> force = channel.eventLoop().schedule(() -> {
      channel.close();
    }, closeFrameTimeoutMillis, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> force.cancel(false));
  }
}
