package dev.sio4j.netty;

import static dev.sio4j.testing.binding.SlowConsumerContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SlowConsumer;
import dev.sio4j.server.SlowConsumerPolicy;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.binding.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each slow-consumer policy against a peer that stops reading: one raw WebSocket client joins the room and reads
 * nothing more, while healthy clients in the same room read every broadcast. The healthy ones get all of them, in
 * order; the stalled one costs the server no more than its send buffer's limit, and what happens to it is what its
 * policy says, reported once.
 */
class SlowConsumerPolicyTest {
  // a healthy client may lag by this much (0.4 s of the broadcasts below) without losing anything
  private static final long BUFFER_BYTES = 1024 * 1024;
  private static final int HEALTHY = 3;
  // 7 MB in all: more than the stalled peer's kernel buffers (up to 4 MB on loopback), the binding's high-water
  // mark and the limit take together
  private static final int EVENTS = 14_000;
  private static final String PAYLOAD = "p".repeat(500);

  private SocketIoServer io;
  private final List<SlowConsumer> reported = new CopyOnWriteArrayList<>();
  private final Map<String, DisconnectReason> disconnected = new ConcurrentHashMap<>();

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  private int start(SlowConsumerPolicy policy) {
    io = SocketIoServer.create(ServerOptions.builder().slowConsumerPolicy(policy)
        .engine(EngineOptions.builder().sendBufferBytes(BUFFER_BYTES).build()).build());
    io.onSlowConsumer(reported::add);
    io.onConnection(socket -> {
      socket.join("room");
      socket.onDisconnect((s, reason) -> disconnected.put(s.id(), reason));
    });
    ServerBinding binding = io.listen(0);
    return binding.address().getPort();
  }

  @Test
  void dropOldestKeepsTheSlowSocketConnectedAndTheOthersWhole() throws Exception {
    int port = start(SlowConsumerPolicy.DROP_OLDEST);
    try (StalledClient stalled = StalledClient.connect(port)) {
      List<WsClient> healthy = healthyClients(port);
      broadcast(EVENTS, false);
      for (WsClient client : healthy) {
        assertAllInOrder(client, EVENTS);
      }
      assertEquals(1, reported.size(), "reported once: " + reported);
      SlowConsumer slow = reported.get(0);
      assertEquals(stalled.sid, slow.socket().id());
      assertEquals(SlowConsumerPolicy.DROP_OLDEST, slow.policy());
      await(() -> bufferedBytes(slow.socket()) <= BUFFER_BYTES, "the send buffer's limit holds");
      assertTrue(slow.socket().connected(), "the slow socket stays");
      assertFalse(disconnected.containsKey(slow.socket().id()));
    }
  }

  @Test
  void dropVolatileShedsVolatileEventsThenClosesForOnesThatMatter() throws Exception {
    int port = start(SlowConsumerPolicy.DROP_VOLATILE);
    try (StalledClient stalled = StalledClient.connect(port)) {
      List<WsClient> healthy = healthyClients(port);
      Socket slow = io.of("/").sockets().get(stalled.sid);
      broadcast(EVENTS / 4, true);
      assertTrue(slow.connected(), "volatile events give way; the socket stays");
      await(() -> bufferedBytes(slow) <= BUFFER_BYTES, "the send buffer's limit holds");
      assertFalse(disconnected.containsKey(slow.id()));

      broadcast(EVENTS, false);
      for (WsClient client : healthy) {
        drain(client);
      }
      await(() -> disconnected.get(slow.id()) == DisconnectReason.SEND_BUFFER_FULL,
          "events that matter close the slow socket's connection once nothing else gives way");
      assertEquals(1, reported.size(), "reported once: " + reported);
      assertEquals(SlowConsumerPolicy.DROP_VOLATILE, reported.get(0).policy());
      assertEquals(1, disconnected.size(), "no other socket left: " + disconnected);
    }
  }

  @Test
  void disconnectClosesTheSlowSocketOnlyAndTheOthersGetEverything() throws Exception {
    int port = start(SlowConsumerPolicy.DISCONNECT);
    try (StalledClient stalled = StalledClient.connect(port)) {
      List<WsClient> healthy = healthyClients(port);
      String sid = stalled.sid;
      broadcast(EVENTS, false);
      for (WsClient client : healthy) {
        assertAllInOrder(client, EVENTS);
      }
      await(() -> disconnected.get(sid) == DisconnectReason.SEND_BUFFER_FULL, "the slow socket is closed");
      assertEquals(1, reported.size(), "reported once: " + reported);
      assertEquals(1, disconnected.size(), "no other socket left: " + disconnected);
    }
  }

  @Test
  void theLatestValuePerKeyReplacesWhatStillWaits() throws Exception {
    int port = start(SlowConsumerPolicy.DISCONNECT);
    try (StalledClient stalled = StalledClient.connect(port)) {
      String sid = stalled.sid;
      for (int i = 0; i < EVENTS; i++) {
        io.to("room").latest("price").emit("price", i, PAYLOAD);
      }
      Socket slow = io.of("/").sockets().get(sid);
      assertTrue(slow.connected(), "replaced values never fill the buffer");
      assertTrue(reported.isEmpty(), "a replaced value is no drop: " + reported);
      String last = stalled.readUntil("\"price\"," + (EVENTS - 1) + ",");
      assertTrue(last.startsWith("42[\"price\"," + (EVENTS - 1)), last);
      assertTrue(stalled.framesRead < EVENTS, "values that waited were replaced: " + stalled.framesRead);
    }
  }

  private List<WsClient> healthyClients(int port) throws InterruptedException {
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < HEALTHY; i++) {
      WsClient client = WsClient.connect(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"));
      client.handshake();
      client.send("40");
      assertTrue(client.next().startsWith("40{"));
      clients.add(client);
    }
    await(() -> io.of("/").sockets().size() == HEALTHY + 1, "every client joined");
    return clients;
  }

  /** Broadcasts {@code count} numbered events to the room at about 5,000 a second (an open-loop sender). */
  private void broadcast(int count, boolean volatileFlag) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      (volatileFlag ? io.to("room").asVolatile() : io.to("room")).emit("n", i, PAYLOAD);
      long due = start + TimeUnit.MICROSECONDS.toNanos(200L * (i + 1));
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  private static void assertAllInOrder(WsClient client, int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      String frame = client.next();
      assertTrue(frame.startsWith("42[\"n\"," + i + ","), "event " + i + " expected, got " + frame);
    }
  }

  private static void drain(WsClient client) throws InterruptedException {
    while (client.received.poll(500, TimeUnit.MILLISECONDS) != null) {
      // read what came
    }
  }

  private long bufferedBytes(Socket socket) {
    return socket.conn().bufferedBytes();
  }

  /** A raw WebSocket client: connects to {@code /} and then reads nothing, until {@link #readUntil}. */
  private static final class StalledClient implements AutoCloseable {
    private final java.net.Socket socket;
    private final DataInputStream in;
    // the socket id, from the CONNECT answer
    String sid;
    int framesRead;

    private StalledClient(java.net.Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
    }

    static StalledClient connect(int port) throws IOException {
      java.net.Socket socket = new java.net.Socket();
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      StalledClient client = new StalledClient(socket);
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) client.in.readUnsignedByte());
      }
      assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
      assertTrue(client.frame().startsWith("0{"), "the OPEN packet");
      client.sendText("40");
      String answer = client.frame();
      assertTrue(answer.startsWith("40{\"sid\":\""), "the CONNECT answer: " + answer);
      client.sid = answer.substring(10, answer.indexOf('"', 10));
      return client;
    }


    /** Reads frames until one contains {@code marker}, answering PINGs; returns that frame. */
    String readUntil(String marker) throws IOException {
      while (true) {
        String frame = frame();
        framesRead++;
        if (frame.equals("2")) {
          sendText("3");
        } else if (frame.contains(marker)) {
          return frame;
        }
      }
    }

    private String frame() throws IOException {
      int first = in.readUnsignedByte();
      int len = in.readUnsignedByte() & 0x7f;
      long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      assertEquals(0x81, first, "an unfragmented text frame");
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** A masked text frame, as a client must send (RFC 6455, section 5.3), with a zero mask. */
    private void sendText(String text) throws IOException {
      byte[] data = text.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(0x81);
      out.write(0x80 | data.length);
      out.write(new byte[4]);
      out.write(data);
      socket.getOutputStream().write(out.toByteArray());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
