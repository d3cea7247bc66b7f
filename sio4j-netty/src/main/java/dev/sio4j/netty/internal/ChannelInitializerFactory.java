package dev.sio4j.netty.internal;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The pipeline of each accepted connection: HTTP codec, optional per-message deflate, the request router. */
public final class ChannelInitializerFactory {
  private ChannelInitializerFactory() {}

  /**
   * @param maxInitialLineLength longest request line accepted (longer: 400 and close)
   * @param maxHeaderSize largest header block accepted
   */
  public static ChannelInitializer<SocketChannel> create(EngineServer engine, List<HttpHandler> handlers,
      int maxInitialLineLength, int maxHeaderSize, long idleTimeoutMillis) {
    int maxBody = engine.options().maxPayload();
    boolean deflate = engine.options().perMessageDeflate();
    int threshold = engine.options().perMessageDeflateThreshold();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        // an HTTP connection with no traffic and no request held is closed (slow or abandoned clients); removed
        // when the connection becomes a WebSocket, whose liveness the Engine.IO heartbeat checks
        pipeline.addLast(HttpRequestHandler.IDLE_HANDLER,
            new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
        pipeline.addLast("http-codec", new HttpServerCodec(maxInitialLineLength, maxHeaderSize, 8192));
        pipeline.addLast("http-continue", new HttpServerExpectContinueHandler());
        if (deflate) {
          WebSocketExtensionFilterProvider filters = new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
              return UncompressedFrames.encoderFilter(threshold);
            }

            @Override
            public WebSocketExtensionFilter decoderFilter() {
              return WebSocketExtensionFilter.NEVER_SKIP;
            }
          };
          // level 6, 15-bit windows, context takeover allowed (Node's ws defaults); inflated messages are capped at
          // maxPayload so that a small compressed frame cannot expand without bound
          pipeline.addLast("ws-deflate", new WebSocketServerExtensionHandler(
              new PerMessageDeflateServerExtensionHandshaker(6, false, 15, false, false, 15, 8, filters, maxBody)));
        }
        pipeline.addLast("http-router", new HttpRequestHandler(engine, handlers, maxBody, false));
      }
    };
  }
}
