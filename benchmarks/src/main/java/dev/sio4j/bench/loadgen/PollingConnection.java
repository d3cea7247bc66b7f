package dev.sio4j.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Socket.IO client over HTTP long-polling only: a GET held open for the server's packets and POSTs for the
 * client's. Payloads carry several packets separated by the record separator U+001E (engine.io-protocol,
 * "Payload"). Two connection modes: keep-alive (one connection for GETs and one for POSTs, as a browser does) or one
 * connection per request ({@code Connection: close}, as the official Node client does with its XMLHttpRequest shim;
 * needed by servers that close reused polling connections, such as netty-socketio 2.0.14). Used on one event loop:
 * every channel is registered on the same one.
 */
final class PollingConnection implements Connection {
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
  private static final char SEPARATOR = '\u001e';

  private static final boolean DEBUG = Boolean.getBoolean("sio4j.bench.debug");
  private final int index;
  private final ConnectionListener listener;
  private final long startNanos;
  private final String host;
  private final String path;
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private final Supplier<ChannelFuture> connector;
  private final boolean keepAlive;
  private final io.netty.channel.EventLoop loop;
  private final java.util.Set<Channel> open = new java.util.HashSet<>();
  private Channel get;
  private Channel post;
  private String sid;
  private boolean postInFlight;
  private long connectedNanos;
  private volatile boolean closing;
  private boolean failed;

  PollingConnection(int index, ConnectionListener listener, long startNanos, String host, String path,
      io.netty.channel.EventLoop loop, Supplier<ChannelFuture> connector, boolean keepAlive) {
    this.loop = loop;
    this.connector = connector;
    this.keepAlive = keepAlive;
    this.index = index;
    this.listener = listener;
    this.startNanos = startNanos;
    this.host = host;
    this.path = path;
  }

  /** Starts the Engine.IO handshake; on the connection's event loop. */
  void start() {
    poll();
  }

  /**
   * Sends {@code request} on the GET or POST connection: the kept-alive one, or a new one. The handler is added
   * before the request is written so that no response can arrive without it.
   */
  private void request(boolean isGet, FullHttpRequest request) {
    Channel kept = isGet ? get : post;
    if (keepAlive && kept != null && kept.isActive()) {
      kept.writeAndFlush(request, kept.voidPromise());
      return;
    }
    if (!keepAlive) {
      request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    connector.get().addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        request.release();
        fail(f.cause());
        return;
      }
      Channel ch = f.channel();
      if (closing) {
        request.release();
        ch.close();
        return;
      }
      open.add(ch);
      ch.closeFuture().addListener(c -> open.remove(ch));
      ch.pipeline().addLast(isGet ? new GetHandler() : new PostHandler());
      if (keepAlive) {
        if (isGet) {
          get = ch;
        } else {
          post = ch;
        }
      }
      ch.writeAndFlush(request, ch.voidPromise());
    });
  }

  private String url() {
    return path + "?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid);
  }

  private void poll() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url());
    request.headers().set(HttpHeaderNames.HOST, host);
    request(true, request);
  }

  private void send(String packet) {
    outbox.add(packet);
    flushOutbox();
  }

  private void flushOutbox() {
    if (postInFlight || outbox.isEmpty() || sid == null) {
      return;
    }
    StringBuilder body = new StringBuilder();
    while (!outbox.isEmpty()) {
      if (body.length() > 0) {
        body.append(SEPARATOR);
      }
      body.append(outbox.poll());
    }
    ByteBuf content = io.netty.buffer.ByteBufUtil.writeUtf8(io.netty.buffer.PooledByteBufAllocator.DEFAULT, body);
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, url(), content);
    request.headers().set(HttpHeaderNames.HOST, host)
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + ";charset=UTF-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    postInFlight = true;
    request(false, request);
  }

  private void onPayload(ByteBuf body) {
    int start = body.readerIndex();
    int end = body.writerIndex();
    while (start < end) {
      int sep = body.indexOf(start, end, (byte) SEPARATOR);
      int packetEnd = sep < 0 ? end : sep;
      onPacket(body.slice(start, packetEnd - start));
      start = packetEnd + 1;
    }
    if (!closing && !failed) {
      poll();
    }
  }

  private void onPacket(ByteBuf packet) {
    switch (Dialect.SOCKET_IO.classify(packet)) {
      case OPEN: {
        Matcher m = SID.matcher(packet.toString(StandardCharsets.UTF_8));
        if (!m.find()) {
          fail(new IOException("no sid in " + packet.toString(StandardCharsets.UTF_8)));
          return;
        }
        sid = m.group(1);
        send("40");
        break;
      }
      case CONNECTED:
        if (connectedNanos == 0) {
          connectedNanos = System.nanoTime();
          listener.onConnected(this);
        }
        break;
      case PING:
        send("3");
        break;
      case ACK:
        listener.onAck(this, Dialect.SOCKET_IO.ackId(packet));
        break;
      case DELIVERY:
        listener.onDelivery(this, packet);
        break;
      case CLOSED:
        fail(new IOException("server closed the session: " + packet.toString(StandardCharsets.UTF_8)));
        break;
      default:
        break;
    }
  }

  private void fail(Throwable cause) {
    if (!failed && !closing) {
      failed = true;
      listener.onFailure(this, cause);
    }
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public long startNanos() {
    return startNanos;
  }

  @Override
  public long connectedNanos() {
    return connectedNanos;
  }

  @Override
  public void echo(long id, String payload) {
    send("42" + id + "[\"echo\",\"" + payload + "\"]");
  }

  @Override
  public void join(long id, String room) {
    send("42" + id + "[\"join\",\"" + room + "\"]");
  }

  @Override
  public void broadcast(String room, String payload) {
    send("42[\"broadcast\",\"" + room + "\",\"" + payload + "\"]");
  }

  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  @Override
  public void schedule(Runnable task, long delayNanos) {
    loop.schedule(task, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public Future<Void> close() {
    closing = true;
    Promise<Void> done = loop.newPromise();
    loop.execute(() -> {
      io.netty.util.concurrent.PromiseCombiner all = new io.netty.util.concurrent.PromiseCombiner(loop);
      for (Channel ch : java.util.List.copyOf(open)) {
        all.add(ch.close());
      }
      all.finish(done);
    });
    return done;
  }

  private abstract class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private boolean awaiting = true;
    /** The server said it closes this connection after the response (RFC 9112 section 9.6). */
    private boolean serverCloses;

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (DEBUG) {
        System.err.println("polling " + index + " " + getClass().getSimpleName() + " closed");
      }
      if ((keepAlive && !serverCloses) || awaiting) {
        fail(new IOException("connection closed"));
      }
      super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      awaiting = false;
      if (keepAlive && msg instanceof FullHttpResponse response && !HttpUtil.isKeepAlive(response)) {
        // A kept-alive connection the server closes (Tomcat does after maxKeepAliveRequests, 100 by default):
        // the next request opens a new one, as a browser does, instead of counting the close as a failure.
        serverCloses = true;
        if (get == ctx.channel()) {
          get = null;
        }
        if (post == ctx.channel()) {
          post = null;
        }
      }
      super.channelRead(ctx, msg);
      if (!keepAlive) {
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(cause);
      ctx.close();
    }

    boolean ok(FullHttpResponse response) {
      if (DEBUG) {
        System.err.println("polling " + index + " " + getClass().getSimpleName() + " <- " + response.status() + " "
            + response.headers().get("connection") + " " + response.content().toString(StandardCharsets.UTF_8));
      }
      if (response.status().code() != 200) {
        fail(new IOException("HTTP " + response.status() + ": " + response.content().toString(StandardCharsets.UTF_8)));
        return false;
      }
      return true;
    }
  }

  private final class GetHandler extends ResponseHandler {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (ok(response)) {
        onPayload(response.content());
      }
    }
  }

  private final class PostHandler extends ResponseHandler {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
      if (ok(response)) {
        postInFlight = false;
        flushOutbox();
      }
    }
  }
}
