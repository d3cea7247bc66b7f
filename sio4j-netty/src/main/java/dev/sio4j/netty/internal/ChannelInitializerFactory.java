package dev.sio4j.netty.internal;

import dev.sio4j.engine.EngineServer;
import io.netty.channel.ChannelFutureListener;
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
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of each accepted connection: TLS when configured, HTTP codec, optional per-message deflate, the
 * request router.
 */
public final class ChannelInitializerFactory {
  /** The name of the TLS handler, when the server is secure. */
  public static final String TLS_HANDLER = "tls";
  /** The name of the {@code Expect: 100-continue} handler, removed when the connection becomes a WebSocket. */
  static final String CONTINUE_HANDLER = "http-continue";

  private ChannelInitializerFactory() {}

  /** The initializer of a server's connections. */
  public static ChannelInitializer<SocketChannel> create(EngineServer engine, BindingConfig config) {
    TlsContext tls = config.tls();
    int maxBody = engine.options().maxPayload();
    boolean deflate = engine.options().perMessageDeflate();
    int threshold = engine.options().perMessageDeflateThreshold();
    // one listener for every connection's close, not one per channel: memory per idle connection
    ChannelFutureListener closed = f -> config.connections().decrementAndGet();
    IoBatches batches = new IoBatches(engine);
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        config.connections().incrementAndGet();
        ch.closeFuture().addListener(closed);
        if (tls != null) {
          // TLS first: everything after it sees plain HTTP; a peer that fails the TLS handshake is closed by it
          pipeline.addLast(TLS_HANDLER, tls.newHandler(ch.alloc()));
        }
        // an HTTP connection with no traffic and no request held is closed (slow or abandoned clients); removed
        // when the connection becomes a WebSocket, whose liveness the Engine.IO heartbeat checks
        pipeline.addLast(HttpRequestHandler.IDLE_HANDLER,
            new IdleStateHandler(0, 0, config.idleTimeoutMillis(), TimeUnit.MILLISECONDS));
        pipeline.addLast("http-codec",
            new HttpServerCodec(config.maxInitialLineLength(), config.maxHeaderSize(), 8192));
        pipeline.addLast(CONTINUE_HANDLER, new HttpServerExpectContinueHandler());
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
        pipeline.addLast("http-router", new HttpRequestHandler(engine, config, maxBody, batches));
      }
    };
  }
}
