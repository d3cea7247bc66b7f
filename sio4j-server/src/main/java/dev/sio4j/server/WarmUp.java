package dev.sio4j.server;

import dev.sio4j.engine.EngineOptions.Transport;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of a warm-up ({@link ServerOptions.Builder#warmUpConnections}), speaking Engine.IO v4 and Socket.IO v5
 * (JSON parser) to a private server over plain sockets, so that any binding can be warmed and the clients themselves
 * cost the process next to nothing (a client library would have its own code to compile, on the same cores). Each
 * connection opens a session, connects to the main namespace, sends one event with an ack and waits for the answer,
 * then closes. One in four uses HTTP long-polling when the server allows both transports.
 */
final class WarmUp {
  private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
  // blocking clients, each making its connections one after the other: enough to keep the server's cores busy through
  // the round trips, and gone when the warm-up ends
  private static final int CLIENTS = 8;
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final int SO_TIMEOUT_MILLIS = 10_000;
  private static final String EVENT = "420[\"warm\",\"sio4j\",1]";

  private final InetSocketAddress address;
  private final String path;
  private final String host;

  private WarmUp(InetSocketAddress address, String path) {
    this.address = address;
    this.path = path;
    this.host = address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** Makes {@code connections} connections to {@code server}, listening on {@code address}; returns when done. */
  static void run(SocketIoServer server, InetSocketAddress address, int connections) {
    server.onConnection(socket -> socket.on("warm", event -> event.ack(event.args())));
    WarmUp warmUp = new WarmUp(address, server.options().path() + "?EIO=4&transport=");
    var transports = server.options().engine().transports();
    boolean websocket = transports.contains(Transport.WEBSOCKET);
    boolean polling = transports.contains(Transport.POLLING);
    long start = System.nanoTime();
    long deadline = start + LIMIT.toNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < Math.min(CLIENTS, connections); c++) {
      Thread client = new Thread(() -> {
        int i;
        while ((i = next.getAndIncrement()) < connections && System.nanoTime() < deadline
            // something refuses every connection: the warm-up would only warm the error path
            && failed.get() <= 10 + done.get() / 10) {
          boolean overPolling = polling && (!websocket || i % 4 == 3);
          try {
            if (overPolling) {
              warmUp.polling();
            } else {
              warmUp.websocket();
            }
            done.incrementAndGet();
          } catch (IOException | RuntimeException e) {
            if (failed.getAndIncrement() == 0) {
              log.debug("warm-up connection failed", e);
            }
          }
        }
      }, "sio4j-warm-up-" + c);
      client.setDaemon(true);
      client.start();
      clients.add(client);
    }
    try {
      for (Thread client : clients) {
        // a connection in progress at the deadline has its socket timeout to finish
        client.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + SO_TIMEOUT_MILLIS));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("warmed up with {} connections in {} ms ({} failed)", done.get() + failed.get(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), failed.get());
  }

  private java.net.Socket open() throws IOException {
    java.net.Socket socket = new java.net.Socket();
    socket.connect(address, SO_TIMEOUT_MILLIS);
    socket.setSoTimeout(SO_TIMEOUT_MILLIS);
    socket.setTcpNoDelay(true);
    return socket;
  }

  // RFC 6455: a client's frames are masked, the server's are not
  private void websocket() throws IOException {
    try (java.net.Socket socket = open()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      out.write(("GET " + path + "websocket HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: c2lvNGogd2FybSB1cCBrZXk=\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Response head = head(in);
      if (head.status != 101) {
        throw new IOException("the upgrade got HTTP " + head.status);
      }
      while (true) {
        String packet = readText(in, out);
        if (packet == null) {
          throw new EOFException("closed before the ack");
        }
        if (packet.startsWith("0{")) {
          writeFrame(out, 0x1, "40");
        } else if (packet.startsWith("430")) {
          writeFrame(out, 0x8, "");
          // the server's close frame, or its end of the stream
          while (readText(in, out) != null) {
            // nothing else is expected
          }
          return;
        } else if (packet.startsWith("40")) {
          writeFrame(out, 0x1, EVENT);
        } else if (packet.equals("2")) {
          writeFrame(out, 0x1, "3");
        }
      }
    }
  }

  // the next text message, or null at a close frame or the end of the stream; answers pings
  private static String readText(InputStream in, OutputStream out) throws IOException {
    while (true) {
      int b0 = in.read();
      if (b0 < 0) {
        return null;
      }
      int b1 = read(in);
      long length = b1 & 0x7f;
      if (length == 126) {
        length = (read(in) << 8) | read(in);
      } else if (length == 127) {
        length = 0;
        for (int k = 0; k < 8; k++) {
          length = (length << 8) | read(in);
        }
      }
      if ((b1 & 0x80) != 0 || length > 1 << 20) {
        throw new IOException("unexpected frame from the server");
      }
      byte[] payload = in.readNBytes((int) length);
      if (payload.length < length) {
        throw new EOFException("frame cut short");
      }
      switch (b0 & 0x0f) {
        case 0x1:
          return new String(payload, StandardCharsets.UTF_8);
        case 0x8:
          return null;
        case 0x9:
          writeFrame(out, 0xA, new String(payload, StandardCharsets.UTF_8));
          break;
        default:
          break;
      }
    }
  }

  private static void writeFrame(OutputStream out, int opcode, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
    frame.write(0x80 | opcode);
    frame.write(0x80 | payload.length); // the warm-up's messages are all under 126 bytes
    frame.write(mask);
    for (int k = 0; k < payload.length; k++) {
      frame.write(payload[k] ^ mask[k & 3]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  // one keep-alive connection for the whole session, as a browser's
  private void polling() throws IOException {
    try (java.net.Socket socket = open()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String open = request(out, in, path + "polling", null);
      int i = open.indexOf("\"sid\":\"");
      if (!open.startsWith("0") || i < 0) {
        throw new IOException("not an Engine.IO open packet: " + open);
      }
      String session = path + "polling&sid=" + open.substring(i + 7, open.indexOf('"', i + 7));
      request(out, in, session, "40");
      awaitPacket(out, in, session, "40");
      request(out, in, session, EVENT);
      awaitPacket(out, in, session, "430");
      request(out, in, session, "1");
    }
  }

  // GETs until a packet starting with prefix comes (a ping or a noop may come first)
  private void awaitPacket(OutputStream out, InputStream in, String url, String prefix) throws IOException {
    for (int poll = 0; poll < 3; poll++) {
      String payload = request(out, in, url, null);
      for (String packet : payload.split(String.valueOf(EngineIoCodec.SEPARATOR))) {
        if (packet.startsWith(prefix)) {
          return;
        }
        if (packet.startsWith("1")) {
          throw new IOException("closed by the server: " + payload);
        }
      }
    }
    throw new IOException("no " + prefix + " packet");
  }

  // a GET (body null) or a POST of body; the response body
  private String request(OutputStream out, InputStream in, String target, String body) throws IOException {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String head = (body == null ? "GET " : "POST ") + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
        + (body == null ? "" : "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + content.length + "\r\n")
        + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(content);
    out.flush();
    Response response = head(in);
    byte[] answer;
    if (response.chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      int size;
      while ((size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0) {
        all.write(in.readNBytes(size));
        line(in);
      }
      line(in);
      answer = all.toByteArray();
    } else {
      answer = in.readNBytes(Math.max(0, response.length));
    }
    if (response.status != 200) {
      throw new IOException("HTTP " + response.status + " for " + target);
    }
    return new String(answer, StandardCharsets.UTF_8);
  }

  private record Response(int status, int length, boolean chunked) {}

  private static Response head(InputStream in) throws IOException {
    String status = line(in);
    String[] parts = status.split(" ");
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int length = 0;
    boolean chunked = false;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    return new Response(Integer.parseInt(parts[1]), length, chunked);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = read(in)) != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private static int read(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the server closed the connection");
    }
    return b;
  }
}
