package dev.sio4j.client.internal;

import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketClientCompressionHandler;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The WebSocket transport (engine.io-protocol, "WebSocket"): each Engine.IO packet is one frame, text packets as text
 * frames ({@code <type><data>}), binary MESSAGE packets as binary frames carrying the bytes alone.
 */
final class WebSocketTransport extends Transport {
  private Channel channel;

  WebSocketTransport(Endpoint endpoint, EventLoop loop, String sid, Sink sink) {
    super(endpoint, loop, sid, sink);
  }

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public void open() {
    HttpHeaders headers = new DefaultHttpHeaders();
    endpoint.headers().forEach(headers::add);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(endpoint.webSocketUri(sid))
        .version(WebSocketVersion.V13)
        .customHeaders(headers)
        .maxFramePayloadLength(endpoint.maxIncomingPacketSize())
        .handshakeTimeoutMillis(10_000)
        .dropPongFrames(true)
        .allowExtensions(endpoint.perMessageDeflate())
        .build();
    ChannelFuture connect = new Bootstrap().group(loop).channel(NioSocketChannel.class)
        .resolver(endpoint.resolver())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            if (endpoint.secure()) {
              ch.pipeline().addLast(new SslHandler(endpoint.newSslEngine()));
            }
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536));
            if (endpoint.perMessageDeflate()) {
              // Inflated messages are capped like any other incoming payload.
              ch.pipeline().addLast(new WebSocketClientCompressionHandler(endpoint.maxIncomingPacketSize()));
            }
            ch.pipeline().addLast(new WebSocketClientProtocolHandler(config),
                new WebSocketFrameAggregator(endpoint.maxIncomingPacketSize()), new FrameHandler());
          }
        })
        .connect(endpoint.host(), endpoint.port());
    channel = connect.channel();
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        fail("websocket error", f.cause());
      }
    });
  }

  @Override
  public void send(List<EngineIoPacket> packets) {
    writable = false;
    for (int i = 0; i < packets.size(); i++) {
      EngineIoPacket p = packets.get(i);
      WebSocketFrame frame = p.isBinary()
          ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(p.binary()))
          : new TextWebSocketFrame(Unpooled.wrappedBuffer(p.utf8Frame()));
      if (i < packets.size() - 1) {
        channel.write(frame, channel.voidPromise());
      } else {
        channel.writeAndFlush(frame).addListener(f -> {
          if (closed) {
            return;
          }
          if (f.isSuccess()) {
            // Report the drain on a later turn of the loop, never inside send().
            loop.execute(() -> {
              if (!closed) {
                writable = true;
                sink.onDrain(this);
              }
            });
          } else {
            fail("websocket error", f.cause());
          }
        });
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (channel != null && channel.isActive() && writable) {
      channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(f -> {
        channel.close();
        goodbye.trySuccess(null);
      });
    } else {
      release();
      goodbye.trySuccess(null);
    }
  }

  @Override
  protected void release() {
    if (channel != null) {
      channel.close();
    }
  }

  private final class FrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        if (!closed) {
          writable = true;
          sink.onOpen(WebSocketTransport.this);
        }
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        fail("websocket error (handshake timeout)", null);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (closed) {
        return;
      }
      EngineIoPacket packet;
      if (frame instanceof TextWebSocketFrame) {
        try {
          packet = EngineIoCodec.decodeText(frame.content().toString(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          fail("parse error", e);
          return;
        }
      } else if (frame instanceof BinaryWebSocketFrame) {
        byte[] bytes = new byte[frame.content().readableBytes()];
        frame.content().getBytes(frame.content().readerIndex(), bytes);
        packet = EngineIoCodec.decodeBinaryFrame(bytes);
      } else {
        return;
      }
      sink.onPacket(WebSocketTransport.this, packet);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      closedByServer("transport close");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail("websocket error", cause);
    }
  }
}
