package dev.sio4j.client.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time: long-polling uses one for its GETs and one for
 * its POSTs, as a browser's connection pool would. Confined to the event loop; callbacks run there.
 */
final class HttpChannel {
  /** The outcome of a request: an HTTP status and body, or a failure. */
  interface Callback {
    void onResponse(int status, String body, Throwable failure);
  }

  private final Endpoint endpoint;
  private final EventLoop loop;
  private Channel channel;
  private Callback pending;
  private boolean closed;
  private long lastResponseNanos;

  /**
   * How long an idle kept-alive connection is reused. Servers close idle connections (Node: 5 s by default); a request
   * racing that close would fail, and retrying a POST the server may have taken could deliver packets twice. So an
   * older connection is replaced, never retried on.
   */
  private static final long REUSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

  HttpChannel(Endpoint endpoint, EventLoop loop) {
    this.endpoint = endpoint;
    this.loop = loop;
  }

  /** Sends one request; {@code body} is UTF-8 text, or {@code null} for none. One request at a time. */
  void request(HttpMethod method, String target, String body, Callback callback) {
    if (closed) {
      callback.onResponse(0, null, new IllegalStateException("closed"));
      return;
    }
    if (pending != null) {
      throw new IllegalStateException("a request is already in flight");
    }
    pending = callback;
    if (channel != null && channel.isActive() && System.nanoTime() - lastResponseNanos < REUSE_NANOS) {
      write(method, target, body);
      return;
    }
    if (channel != null) {
      channel.close();
    }
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
            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(endpoint.maxIncomingPacketSize()),
                new ResponseHandler());
          }
        })
        .connect(endpoint.host(), endpoint.port());
    channel = connect.channel();
    connect.addListener(f -> {
      if (f.isSuccess()) {
        if (!closed && pending != null) {
          write(method, target, body);
        }
      } else {
        complete(0, null, f.cause());
      }
    });
  }

  private void write(HttpMethod method, String target, String body) {
    ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target, content);
    request.headers().set(HttpHeaderNames.HOST, endpoint.hostHeader());
    request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    request.headers().set(HttpHeaderNames.ACCEPT, "*/*");
    endpoint.headers().forEach((name, values) -> request.headers().add(name, values));
    if (body != null) {
      request.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
      HttpUtil.setContentLength(request, content.readableBytes());
    }
    channel.writeAndFlush(request).addListener(f -> {
      if (!f.isSuccess()) {
        complete(0, null, f.cause());
        channel.close();
      }
    });
  }

  private void complete(int status, String body, Throwable failure) {
    Callback cb = pending;
    pending = null;
    if (cb != null && !closed) {
      cb.onResponse(status, body, failure);
    }
  }

  void close() {
    closed = true;
    pending = null;
    if (channel != null) {
      channel.close();
    }
  }

  private final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      String body = response.content().toString(StandardCharsets.UTF_8);
      boolean keepAlive = HttpUtil.isKeepAlive(response);
      lastResponseNanos = System.nanoTime();
      complete(response.status().code(), body, null);
      if (!keepAlive) {
        ctx.close();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() == channel) {
        complete(0, null, new java.io.IOException("connection closed"));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (ctx.channel() == channel) {
        complete(0, null, cause);
      }
      ctx.close();
    }
  }
}
