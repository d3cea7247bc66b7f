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
import java.util.List;

/** The pipeline of each accepted connection: HTTP codec, optional per-message deflate, the request router. */
public final class ChannelInitializerFactory {
  private ChannelInitializerFactory() {}

  /**
   * @param maxInitialLineLength longest request line accepted (longer: 400 and close)
   * @param maxHeaderSize largest header block accepted
   */
  public static ChannelInitializer<SocketChannel> create(EngineServer engine, List<HttpHandler> handlers,
      int maxInitialLineLength, int maxHeaderSize) {
    int maxBody = engine.options().maxPayload();
    boolean deflate = engine.options().perMessageDeflate();
    int threshold = engine.options().perMessageDeflateThreshold();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ChannelPipeline pipeline = ch.pipeline();
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
          pipeline.addLast("ws-deflate", new WebSocketServerExtensionHandler(
              new PerMessageDeflateServerExtensionHandshaker(6, false, 15, false, false, filters)));
        }
        pipeline.addLast("http-router", new HttpRequestHandler(engine, handlers, maxBody, false));
      }
    };
  }
}
