package dev.sio4j.netty.internal;

import dev.sio4j.engine.HttpExchange;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** One HTTP request on a Netty channel, answered once from any thread. */
final class NettyHttpExchange implements HttpExchange {
  private final Channel channel;
  private final HttpRequest request;
  private final byte[] body;
  private final boolean bodyTooLarge;
  private final boolean secure;
  private final QueryStringDecoder query;
  private final AtomicBoolean responded = new AtomicBoolean();
  private volatile Runnable abortCallback;
  private boolean bodyDrained;
  private boolean written;
  private Map<String, List<String>> headers;

  NettyHttpExchange(Channel channel, HttpRequest request, byte[] body, boolean bodyTooLarge, boolean secure) {
    this.channel = channel;
    this.request = request;
    this.body = body;
    this.bodyTooLarge = bodyTooLarge;
    this.secure = secure;
    this.query = new QueryStringDecoder(request.uri());
  }

  @Override
  public String method() {
    return request.method().name();
  }

  @Override
  public String uri() {
    return request.uri();
  }

  @Override
  public String path() {
    return query.path();
  }

  @Override
  public Map<String, List<String>> queryParameters() {
    return query.parameters();
  }

  @Override
  public String header(String name) {
    return request.headers().get(name);
  }

  @Override
  public synchronized Map<String, List<String>> headers() {
    if (headers == null) {
      Map<String, List<String>> map = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : request.headers()) {
        map.computeIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(entry.getValue());
      }
      map.replaceAll((k, v) -> List.copyOf(v));
      headers = Collections.unmodifiableMap(map);
    }
    return headers;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }

  @Override
  public boolean secure() {
    return secure;
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public boolean bodyTooLarge() {
    return bodyTooLarge;
  }

  @Override
  public void onAbort(Runnable callback) {
    abortCallback = callback;
    if (!channel.isActive()) {
      abort();
    }
  }

  /** The connection closed: run the abort callback if no answer was sent. */
  void abort() {
    Runnable callback = abortCallback;
    if (callback != null && !responded.get()) {
      abortCallback = null;
      callback.run();
    }
  }

  boolean responded() {
    return responded.get();
  }

  HttpRequest request() {
    return request;
  }

  @Override
  public void respond(int status, Map<String, String> responseHeaders, byte[] responseBody) {
    if (!responded.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered: " + request.uri());
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(responseBody));
    HttpHeaders out = response.headers();
    // after a body over the limit the rest of it is still coming: the connection cannot be reused
    boolean close = !HttpUtil.isKeepAlive(request) || bodyTooLarge;
    for (Map.Entry<String, String> entry : responseHeaders.entrySet()) {
      if (entry.getKey().equalsIgnoreCase("connection") && entry.getValue().equalsIgnoreCase("close")) {
        close = true;
      }
      out.set(entry.getKey(), entry.getValue());
    }
    out.setInt(HttpHeaderNames.CONTENT_LENGTH, responseBody.length);
    if (close) {
      out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    boolean closeAfter;
    synchronized (this) {
      // an oversized body still arriving is drained first (HttpRequestHandler closes when it ends), so that the
      // client reads this answer instead of a reset connection
      closeAfter = close && (!bodyTooLarge || bodyDrained);
    }
    // writeAndFlush is thread-safe: from another thread Netty hands the write to the channel's event loop
    channel.writeAndFlush(response).addListener(closeAfter ? ChannelFutureListener.CLOSE
        : ChannelFutureListener.CLOSE_ON_FAILURE);
    boolean closeNow;
    synchronized (this) {
      written = true;
      closeNow = bodyTooLarge && bodyDrained && !closeAfter;
    }
    if (closeNow) {
      closeAfterWrite();
    }
  }

  /** The rest of an oversized body was read and dropped: close now if the answer went out already. */
  void bodyDrained() {
    boolean closeNow;
    synchronized (this) {
      bodyDrained = true;
      closeNow = written;
    }
    if (closeNow) {
      closeAfterWrite();
    }
  }

  /** Closes after the answer: a task queued on the event loop runs after the answer's write task. */
  private void closeAfterWrite() {
    channel.eventLoop().execute(() -> channel.close());
  }
}
