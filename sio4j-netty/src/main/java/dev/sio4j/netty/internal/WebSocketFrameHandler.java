package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.engine.spi.WebSocketHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands complete WebSocket messages to the engine's {@link WebSocketHandler}; answers control frames. A message over
 * the limit, or any protocol violation, closes this connection (1009 for size, as RFC 6455 section 7.4.1 says) and is
 * reported as an error. Runs on the channel's event loop.
 */
final class WebSocketFrameHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(WebSocketFrameHandler.class);

  private final WebSocketHandler handler;
  private final IoBatches batches;
  private boolean open;
  private boolean closed;
  private boolean failed;
  // frames read between the 101 going out and the handshake future completing
  private Queue<Object> early;

  WebSocketFrameHandler(WebSocketHandler handler, IoBatches batches) {
    this.handler = handler;
    this.batches = batches;
  }

  void open(WebSocketConnection connection) {
    if (closed) {
      return;
    }
    open = true;
    handler.onOpen(connection);
    if (early != null) {
      Object frame;
      while ((frame = early.poll()) != null) {
        deliver(frame);
      }
      early = null;
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    batches.enter(ctx.channel().eventLoop());
    try {
      if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() == -1 ? 1000 : close.statusCode(), ""))
            .addListener(ChannelFutureListener.CLOSE);
      } else if (msg instanceof TextWebSocketFrame text) {
        String value = text.text();
        enqueue(value);
      } else if (msg instanceof BinaryWebSocketFrame binary) {
        enqueue(ByteBufUtil.getBytes(binary.content()));
      } else if (!(msg instanceof PongWebSocketFrame)) {
        log.debug("ignoring {}", msg);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void enqueue(Object message) {
    if (failed) {
      return;
    }
    if (open) {
      deliver(message);
    } else {
      if (early == null) {
        early = new ArrayDeque<>();
      }
      early.add(message);
    }
  }

  private void deliver(Object message) {
    if (message instanceof String text) {
      handler.onText(text);
    } else {
      handler.onBinary((byte[]) message);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (failed) {
      return;
    }
    failed = true;
    if (cause instanceof TooLongFrameException) {
      // a fragmented message grew past maxPayload (the decoder answers single oversized frames itself)
      ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
          .addListener(ChannelFutureListener.CLOSE);
    } else if (!(cause instanceof CorruptedWebSocketFrameException)) {
      ctx.close();
    }
    if (open) {
      handler.onError(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (open && !closed && ctx.channel().isWritable()) {
      handler.onWritable();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closed) {
      closed = true;
      handler.onClose();
    }
    ctx.fireChannelInactive();
  }
}
