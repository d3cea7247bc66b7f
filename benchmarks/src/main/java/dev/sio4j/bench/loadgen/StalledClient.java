package dev.sio4j.bench.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A Socket.IO client that stops reading: a plain socket that does the WebSocket handshake (RFC 6455 section 4), joins
 * a room through the benchmark app's acknowledged {@code join} event, and then reads nothing more, so that what the
 * server sends it piles up in the kernel's buffers and then in the server. Its receive buffer is made small before
 * connecting, so it stalls early. It never answers a ping either.
 */
public final class StalledClient implements AutoCloseable {
  private final Socket socket;

  private StalledClient(Socket socket) {
    this.socket = socket;
  }

  /** Connects, joins {@code room}, and from then on reads nothing. */
  public static StalledClient join(InetSocketAddress server, String room) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setReceiveBufferSize(4096);
      socket.connect(server, 10_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + server.getHostString() + ":"
          + server.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: c3RhbGxlZC1jbGllbnQtMQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String status = headers(in);
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("no WebSocket upgrade: " + status);
      }
      awaitText(in, "0"); // Engine.IO OPEN
      send(out, "40"); // Socket.IO CONNECT to the main namespace
      awaitText(in, "40");
      send(out, "421[\"join\",\"" + room + "\"]");
      awaitText(in, "431"); // the join's ack
      return new StalledClient(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static String headers(DataInputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake");
      }
      head.write(b);
      matched = (b == '\r' || b == '\n') && "\r\n\r\n".charAt(matched) == b ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** Reads frames until a text frame starting with {@code prefix} (RFC 6455 section 5.2: the server never masks). */
  private static void awaitText(DataInputStream in, String prefix) throws IOException {
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0f;
      long length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      if (opcode == 1 && new String(payload, StandardCharsets.UTF_8).startsWith(prefix)) {
        return;
      }
    }
  }

  /** A masked text frame, as every client frame must be (RFC 6455 section 5.3); payloads under 126 bytes here. */
  private static void send(OutputStream out, String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {0x1f, 0x2e, 0x3d, 0x4c};
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    out.write(frame);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
