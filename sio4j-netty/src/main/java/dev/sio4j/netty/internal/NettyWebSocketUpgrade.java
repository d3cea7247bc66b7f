package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WebSocketHandler;
import dev.sio4j.engine.spi.WebSocketUpgrade;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.Map;

/** Completes a WebSocket handshake the engine accepted, and puts the frame handlers in the pipeline. */
final class NettyWebSocketUpgrade implements WebSocketUpgrade {
  static final String UTF8_HANDLER = "ws-utf8";
  static final String AGGREGATOR_HANDLER = "ws-aggregator";
  static final String ENGINE_HANDLER = "ws-engine";
  static final String HOLD_FLUSH_HANDLER = "ws-hold-flush";

  private final ChannelHandlerContext ctx;
  private final NettyHttpExchange exchange;
  private final boolean extensions;
  private final boolean secure;
  private final long closeFrameTimeoutMillis;
  private final IoBatches batches;

  NettyWebSocketUpgrade(ChannelHandlerContext ctx, NettyHttpExchange exchange, boolean extensions, boolean secure,
      long closeFrameTimeoutMillis, IoBatches batches) {
    this.batches = batches;
    this.ctx = ctx;
    this.exchange = exchange;
    this.extensions = extensions;
    this.secure = secure;
    this.closeFrameTimeoutMillis = closeFrameTimeoutMillis;
  }

  @Override
  public void accept(Map<String, String> headers, int maxMessageSize, WebSocketHandler handler) {
    Channel channel = ctx.channel();
    if (channel.eventLoop().inEventLoop()) {
      doAccept(headers, maxMessageSize, handler);
    } else {
      channel.eventLoop().execute(() -> doAccept(headers, maxMessageSize, handler));
    }
  }

  private void doAccept(Map<String, String> headers, int maxMessageSize, WebSocketHandler handler) {
    Channel channel = ctx.channel();
    HttpRequest req = exchange.request();
    String scheme = secure ? "wss://" : "ws://";
    String host = req.headers().get("host", "localhost");
    WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(maxMessageSize)
        .allowExtensions(extensions)
        // WebSocketFrameHandler sends the close frame and waits for the peer's before closing the connection
        .closeOnProtocolViolation(false)
        .build();
    WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(scheme + host + req.uri(), null, config)
        .newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
      handler.onClose();
      return;
    }
    if (!channel.isActive()) {
      handler.onClose();
      return;
    }
    WebSocketFrameHandler frames = new WebSocketFrameHandler(handler, batches);
    ChannelPipeline pipeline = channel.pipeline();
    // text frames must be valid UTF-8 (RFC 6455 section 8.1): invalid ones close with 1007; fragmented messages are
    // joined up to the same limit (a longer one closes with 1009, WebSocketFrameHandler) by an aggregator put in
    // the pipeline by the first fragment (FragmentAwareValidator)
    pipeline.addAfter(ctx.name(), UTF8_HANDLER, new FragmentAwareValidator(maxMessageSize));
    pipeline.addAfter(UTF8_HANDLER, ENGINE_HANDLER, frames);
    pipeline.remove(ctx.name());
    // what only HTTP needed goes: an idle WebSocket is a few handlers less: memory per idle connection
    if (pipeline.get(HttpRequestHandler.IDLE_HANDLER) != null) {
      pipeline.remove(HttpRequestHandler.IDLE_HANDLER);
    }
    // HTTP-only: every inbound frame would pass through it, and each idle connection would keep it
    if (pipeline.get(ChannelInitializerFactory.CONTINUE_HANDLER) != null) {
      pipeline.remove(ChannelInitializerFactory.CONTINUE_HANDLER);
    }
    FullHttpRequest full = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
        Unpooled.EMPTY_BUFFER, req.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    HttpHeaders responseHeaders = new DefaultHttpHeaders();
    headers.forEach(responseHeaders::set);
    if (extensions) {
      // deflate: its handler completes the pipeline only once the response is flushed, so the session opens then
      handshaker.handshake(channel, full, responseHeaders, channel.newPromise()).addListener(future -> {
        if (future.isSuccess()) {
          frames.open(new NettyWebSocketConnection(channel, closeFrameTimeoutMillis));
        } else {
          channel.close();
        }
      });
      return;
    }
    // The 101 and the session's first frame (Engine.IO OPEN) leave in one system call: the handshake's flush is held
    // back until the session has written its OPEN (or returned without writing), then released.
    HoldFlush hold = new HoldFlush();
    pipeline.addFirst(HOLD_FLUSH_HANDLER, hold);
    NettyWebSocketConnection connection = new NettyWebSocketConnection(channel, closeFrameTimeoutMillis);
    connection.holdSharedFrames();
    try {
      handshaker.handshake(channel, full, responseHeaders, channel.newPromise()).addListener(future -> {
        if (future.isSuccess()) {
          connection.releaseSharedFrames();
        } else {
          channel.close();
        }
      });
      frames.open(connection);
    } finally {
      // also when the handshake threw: whatever answers the failure must not be held back
      hold.release(pipeline);
    }
  }

  /** Swallows flushes until released; then flushes once and leaves the pipeline. */
  static final class HoldFlush extends ChannelOutboundHandlerAdapter {
    private boolean released;

    @Override
    public void flush(ChannelHandlerContext ctx) {
      if (released) {
        ctx.flush();
      }
    }

    void release(ChannelPipeline pipeline) {
      if (released) {
        return;
      }
      released = true;
      if (pipeline.context(this) != null) {
        pipeline.remove(this);
      }
      pipeline.channel().flush();
    }
  }

  /**
   * The UTF-8 check of text frames, which also puts a {@link WebSocketFrameAggregator} after itself when the first
   * fragment of a message arrives (RFC 6455 section 5.4: a non-final frame, or a continuation). Until then frames are
   * whole messages and need no aggregation, so most connections never carry an aggregator. Once added it stays, as
   * if it had been there from the start: it held no state before its first fragment.
   */
  static final class FragmentAwareValidator extends Utf8FrameValidator {
    private final int maxMessageSize;
    private boolean aggregating;

    FragmentAwareValidator(int maxMessageSize) {
      super(false);
      this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (!aggregating && msg instanceof WebSocketFrame frame
          && (!frame.isFinalFragment() || frame instanceof ContinuationWebSocketFrame)) {
        aggregating = true;
        ctx.pipeline().addAfter(ctx.name(), AGGREGATOR_HANDLER, new WebSocketFrameAggregator(maxMessageSize));
      }
      if (!aggregating && msg instanceof TextWebSocketFrame text && text.isFinalFragment()
          && isAscii(text.content())) {
        // ASCII is valid UTF-8: a whole message of it skips the validator's byte-at-a-time automaton, which holds no
        // state between whole messages (Socket.IO's JSON is ASCII unless its strings are not)
        ctx.fireChannelRead(msg);
        return;
      }
      super.channelRead(ctx, msg);
    }

    /** No byte with the high bit set, looked for eight at a time. */
    static boolean isAscii(ByteBuf content) {
      int i = content.readerIndex();
      int end = content.writerIndex();
      for (; i + Long.BYTES <= end; i += Long.BYTES) {
        if ((content.getLong(i) & 0x8080808080808080L) != 0) {
          return false;
        }
      }
      for (; i < end; i++) {
        if (content.getByte(i) < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
