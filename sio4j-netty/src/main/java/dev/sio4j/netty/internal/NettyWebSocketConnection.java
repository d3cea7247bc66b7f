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

/**
 * Writes Engine.IO packets as WebSocket frames. A text packet's frame wraps its cached {@link
 * EngineIoPacket#utf8Frame()}: a broadcast's bytes are encoded once and shared by every recipient, never copied.
 */
final class NettyWebSocketConnection implements WebSocketConnection {
  private final Channel channel;

  NettyWebSocketConnection(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void write(List<EngineIoPacket> packets, boolean compress, Runnable written) {
    if (channel.eventLoop().inEventLoop()) {
      doWrite(packets, compress, written);
    } else {
      channel.eventLoop().execute(() -> doWrite(packets, compress, written));
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
    if (channel.isActive()) {
      channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
