package dev.sio4j.bench.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Socket.IO client over HTTP long-polling only, as a browser does it: two keep-alive connections, one holding a
 * GET open for the server's packets and one for POSTs of the client's packets. Payloads carry several packets
 * separated by the record separator U+001E (engine.io-protocol, "Payload"). Used on one event loop (both channels
 * are registered on the same one).
 */
final class PollingConnection implements Connection {
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
  private static final char SEPARATOR = '\u001e';

  private final int index;
  private final ConnectionListener listener;
  private final long startNanos;
  private final String host;
  private final String path;
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private Channel get;
  private Channel post;
  private String sid;
  private boolean postInFlight;
  private long connectedNanos;
  private volatile boolean closing;
  private boolean failed;

  PollingConnection(int index, ConnectionListener listener, long startNanos, String host, String path) {
    this.index = index;
    this.listener = listener;
    this.startNanos = startNanos;
    this.host = host;
    this.path = path;
  }

  /** Called once both channels are connected: starts the Engine.IO handshake. */
  void start(Channel getChannel, Channel postChannel) {
    this.get = getChannel;
    this.post = postChannel;
    get.pipeline().addLast(new GetHandler());
    post.pipeline().addLast(new PostHandler());
    poll();
  }

  private String url() {
    return path + "?EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid);
  }

  private void poll() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, url());
    request.headers().set(HttpHeaderNames.HOST, host);
    get.writeAndFlush(request, get.voidPromise());
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
    ByteBuf content = post.alloc().buffer(body.length());
    content.writeCharSequence(body, StandardCharsets.UTF_8);
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, url(), content);
    request.headers().set(HttpHeaderNames.HOST, host)
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + ";charset=UTF-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    postInFlight = true;
    post.writeAndFlush(request, post.voidPromise());
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
        listener.onDelivery(this);
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
    get.eventLoop().execute(task);
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public Future<Void> close() {
    closing = true;
    Promise<Void> done = get.eventLoop().newPromise();
    post.close();
    get.close().addListener(f -> done.setSuccess(null));
    return done;
  }

  private abstract class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      fail(new IOException("connection closed"));
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      fail(cause);
      ctx.close();
    }

    boolean ok(FullHttpResponse response) {
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
