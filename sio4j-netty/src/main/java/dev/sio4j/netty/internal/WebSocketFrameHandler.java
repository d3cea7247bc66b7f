package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.engine.spi.WebSocketHandler;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands complete WebSocket messages to the engine's {@link WebSocketHandler}; answers control frames. A message over
 * the limit, or any protocol violation, closes this connection (1009 for size, as RFC 6455 section 7.4.1 says) and is
 * reported as an error. Runs on the channel's event loop.
 */
final class WebSocketFrameHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(WebSocketFrameHandler.class);
  /** How long a connection this side started to close waits for the peer's close frame before it is closed anyway. */
  private static final long CLOSING_HANDSHAKE_MILLIS = 2000;

  private final WebSocketHandler handler;
  private final IoBatches batches;
  private boolean open;
  private boolean closed;
  private boolean failed;
  private boolean closeSent;
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
        if (closeSent) {
          // the answer to the close frame this side sent: the closing handshake is over once that frame is out
          // (RFC 6455 section 7.1.1)
          ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
          closeSent = true;
          ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() == -1 ? 1000 : close.statusCode(), ""))
              .addListener(ChannelFutureListener.CLOSE);
        }
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
    if (cause instanceof CorruptedWebSocketFrameException corrupted) {
      // an oversized frame (1009), invalid UTF-8 (1007) or another protocol error (1002) found by the decoders
      startClosingHandshake(ctx, corrupted.closeStatus());
    } else if (cause instanceof TooLongFrameException) {
      // a fragmented message grew past maxPayload
      startClosingHandshake(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG);
    } else {
      ctx.close();
    }
    if (open) {
      handler.onError(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
  }

  /**
   * Sends a close frame with {@code status}, then closes once the peer answers it, closes its side, or
   * {@link #CLOSING_HANDSHAKE_MILLIS} passed. Closing at once would reset the connection while the peer is still sending
   * (the rest of an oversized message lands on a closed socket, and TCP answers it with RST), and the peer could lose
   * the close frame and its status code with it; the frame decoder discards what still arrives meanwhile.
   */
  private void startClosingHandshake(ChannelHandlerContext ctx, WebSocketCloseStatus status) {
    if (closeSent || !ctx.channel().isActive()) {
      ctx.close();
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(new CloseWebSocketFrame(status)).addListener(f -> {
      if (f.isSuccess()) {
        ctx.executor().schedule(() -> ctx.close(), CLOSING_HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
      } else {
        ctx.close();
      }
    });
  }

  /**
   * Records that this side is sending its close frame now. Event loop.
   *
   * @return false when one was sent already: the closing handshake is under way, and ends without another
   */
  boolean closeFrameSending() {
    if (closeSent) {
      return false;
    }
    closeSent = true;
    return true;
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
