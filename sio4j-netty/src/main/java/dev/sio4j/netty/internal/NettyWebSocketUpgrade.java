package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WebSocketHandler;
import dev.sio4j.engine.spi.WebSocketUpgrade;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.Map;

/** Completes a WebSocket handshake the engine accepted, and puts the frame handlers in the pipeline. */
final class NettyWebSocketUpgrade implements WebSocketUpgrade {
  private final ChannelHandlerContext ctx;
  private final NettyHttpExchange exchange;
  private final boolean extensions;
  private final boolean secure;
  private final long closeFrameTimeoutMillis;

  NettyWebSocketUpgrade(ChannelHandlerContext ctx, NettyHttpExchange exchange, boolean extensions, boolean secure,
      long closeFrameTimeoutMillis) {
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
        .closeOnProtocolViolation(true)
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
    WebSocketFrameHandler frames = new WebSocketFrameHandler(handler);
    ChannelPipeline pipeline = channel.pipeline();
    // fragmented messages are joined up to the same limit; a longer one closes with 1009 (WebSocketFrameHandler)
    // text frames must be valid UTF-8 (RFC 6455 section 8.1): invalid ones close with 1007
    pipeline.addAfter(ctx.name(), "ws-utf8", new Utf8FrameValidator(true));
    pipeline.addAfter("ws-utf8", "ws-aggregator", new WebSocketFrameAggregator(maxMessageSize));
    pipeline.addAfter("ws-aggregator", "ws-engine", frames);
    pipeline.remove(ctx.name());
    if (pipeline.get(HttpRequestHandler.IDLE_HANDLER) != null) {
      pipeline.remove(HttpRequestHandler.IDLE_HANDLER);
    }
    // HTTP-only: every inbound frame would pass through it, and each idle connection would keep it
    if (pipeline.get(HttpServerExpectContinueHandler.class) != null) {
      pipeline.remove(HttpServerExpectContinueHandler.class);
    }
    FullHttpRequest full = new DefaultFullHttpRequest(req.protocolVersion(), req.method(), req.uri(),
        Unpooled.EMPTY_BUFFER, req.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
    HttpHeaders responseHeaders = new DefaultHttpHeaders();
    headers.forEach(responseHeaders::set);
    handshaker.handshake(channel, full, responseHeaders, channel.newPromise()).addListener(future -> {
      if (future.isSuccess()) {
        frames.open(new NettyWebSocketConnection(channel, closeFrameTimeoutMillis));
      } else {
        channel.close();
      }
    });
  }
}
