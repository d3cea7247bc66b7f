package dev.sio4j.netty.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;

/** Frames sent with {@code compress: false}: the per-message deflate encoder skips them. */
final class UncompressedFrames {
  private UncompressedFrames() {}

  static final class Text extends TextWebSocketFrame {
    Text(ByteBuf data) {
      super(data);
    }
  }

  static final class Binary extends BinaryWebSocketFrame {
    Binary(ByteBuf data) {
      super(data);
    }
  }

  /** Skips frames below {@code threshold} bytes and frames marked uncompressed. */
  static WebSocketExtensionFilter encoderFilter(int threshold) {
    return new WebSocketExtensionFilter() {
      @Override
      public boolean mustSkip(WebSocketFrame frame) {
        return frame instanceof Text || frame instanceof Binary || frame.content().readableBytes() < threshold;
      }
    };
  }
}
