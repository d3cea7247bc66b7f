package dev.sio4j.netty.internal;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one HTTP request at a time, its body capped at {@code maxBody} bytes (a longer body is discarded and
 * flagged, so the engine can answer 413), then routes it as {@link dev.sio4j.engine.spi.ServerBindingFactory} says:
 * the handlers in order, then Engine.IO requests (and WebSocket upgrades) under the engine's path, else 404.
 */
public final class HttpRequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
  /** The name of the pipeline's idle-connection handler. */
  public static final String IDLE_HANDLER = "http-idle";

  private final EngineServer engine;
  private final List<HttpHandler> handlers;
  private final int maxBody;
  private final boolean secure;
  private final long closeFrameTimeoutMillis;
  private final IoBatches batches;
  private HttpRequest request;
  private CompositeByteBuf body;
  private boolean tooLarge;
  private boolean discarding;
  private long discarded;
  private NettyHttpExchange inFlight;

  HttpRequestHandler(EngineServer engine, BindingConfig config, int maxBody, IoBatches batches) {
    this.engine = engine;
    this.batches = batches;
    this.handlers = config.handlers();
    this.maxBody = maxBody;
    this.secure = config.secure();
    this.closeFrameTimeoutMillis = config.closeFrameTimeoutMillis();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest req) {
        if (req.decoderResult().isFailure()) {
          // garbage on the wire: answer 400 and drop this connection only
          reset();
          badRequest(ctx);
          return;
        }
        reset();
        request = req;
        body = ctx.alloc().compositeBuffer();
        if (HttpUtil.getContentLength(req, -1L) > maxBody) {
          // refused from its announced length: answer at once, drop the body as it comes, close after
          overflow(ctx);
        }
      }
      if (msg instanceof HttpContent content && discarding) {
        discarded += content.content().readableBytes();
        if (content instanceof LastHttpContent || discarded > maxBody) {
          // drained (or the client keeps sending past twice the limit): the connection ends here
          discarding = false;
          inFlight.bodyDrained();
          if (!(content instanceof LastHttpContent)) {
            ctx.close();
          }
        }
        return;
      }
      if (msg instanceof HttpContent content && request != null) {
        if (content.decoderResult().isFailure()) {
          reset();
          badRequest(ctx);
          return;
        }
        ByteBuf data = content.content();
        if (data.isReadable()) {
          if (body.readableBytes() + data.readableBytes() > maxBody) {
            overflow(ctx);
            if (content instanceof LastHttpContent) {
              discarding = false;
              inFlight.bodyDrained();
            }
            return;
          }
          body.addComponent(true, data.retain());
        }
        if (content instanceof LastHttpContent) {
          dispatch(ctx);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** The body is over the limit: hand the request over now, flagged, and skip the rest of the body. */
  private void overflow(ChannelHandlerContext ctx) {
    tooLarge = true;
    body.release();
    body = null;
    discarding = true;
    discarded = 0;
    dispatch(ctx);
  }

  private void dispatch(ChannelHandlerContext ctx) {
    byte[] bytes = body == null ? new byte[0] : ByteBufUtil.getBytes(body);
    HttpRequest req = request;
    boolean overflow = tooLarge;
    reset();
    NettyHttpExchange exchange = new NettyHttpExchange(ctx.channel(), req, bytes, overflow, secure);
    inFlight = exchange;
    batches.enter(ctx.channel().eventLoop());
    try {
      if (isWebSocketUpgrade(req) && engine.handles(exchange.path())) {
        engine.handleUpgrade(exchange, new NettyWebSocketUpgrade(ctx, exchange, engine.options().perMessageDeflate(),
            secure, closeFrameTimeoutMillis, batches));
        return;
      }
      for (HttpHandler handler : handlers) {
        if (handler.handle(exchange)) {
          return;
        }
      }
      if (engine.handles(exchange.path())) {
        engine.handleRequest(exchange);
        return;
      }
      exchange.respond(404, Map.of("Content-Type", "text/plain; charset=UTF-8"),
          "Not Found".getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      log.error("request {} {} failed", req.method(), req.uri(), e);
      if (!exchange.responded()) {
        exchange.respond(500, Map.of("Content-Type", "text/plain; charset=UTF-8"),
            "Internal Server Error".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static boolean isWebSocketUpgrade(HttpRequest req) {
    return req.method().equals(HttpMethod.GET)
        && req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private void badRequest(ChannelHandlerContext ctx) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
        Unpooled.EMPTY_BUFFER);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  private void reset() {
    request = null;
    tooLarge = false;
    if (body != null) {
      body.release();
      body = null;
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      NettyHttpExchange exchange = inFlight;
      // a held long-polling GET is idle by design (the engine's heartbeat bounds it); anything else is closed
      if (exchange == null || exchange.responded() || request != null) {
        log.debug("closing idle HTTP connection {}", ctx.channel().remoteAddress());
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reset();
    NettyHttpExchange exchange = inFlight;
    inFlight = null;
    if (exchange != null) {
      exchange.abort();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    reset();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
    ctx.close();
  }
}
