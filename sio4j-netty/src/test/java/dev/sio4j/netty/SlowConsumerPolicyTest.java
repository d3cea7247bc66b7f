package dev.sio4j.netty;

import static dev.sio4j.testing.binding.SlowConsumerContract.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SlowConsumer;
import dev.sio4j.server.SlowConsumerPolicy;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each slow-consumer policy against a client that stops reading, while healthy WebSocket clients in the same room
 * read every broadcast. The slow one is a long-polling client that sends no more GET: what the server sends it waits
 * in its session's buffer, up to the limit, with no kernel buffer in between. The healthy ones get every broadcast,
 * in order; the slow one costs no more than the limit, and what happens to it is what its policy says, reported once.
 */
class SlowConsumerPolicyTest {
  // a healthy client may fall behind by this much (two seconds of the broadcasts below) without losing anything
  private static final long BUFFER_BYTES = 2 * 1024 * 1024;
  private static final int HEALTHY = 3;
  // 3 MB in all, at 1,000 a second: half again the limit
  private static final int EVENTS = 3_000;
  private static final String PAYLOAD = "p".repeat(1_000);

  private SocketIoServer io;
  private String base;
  private final List<SlowConsumer> reported = new CopyOnWriteArrayList<>();
  private final Map<String, DisconnectReason> disconnected = new ConcurrentHashMap<>();
  // sockets in the room: a socket is in the namespace's sockets() before its connection handler joined it
  private final AtomicInteger joined = new AtomicInteger();

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  private void start(SlowConsumerPolicy policy) {
    io = SocketIoServer.create(ServerOptions.builder().slowConsumerPolicy(policy)
        .engine(EngineOptions.builder().sendBufferBytes(BUFFER_BYTES).build()).build());
    io.onSlowConsumer(reported::add);
    io.onConnection(socket -> {
      socket.join("room");
      joined.incrementAndGet();
      socket.onDisconnect((s, reason) -> disconnected.put(s.id(), reason));
    });
    base = "http://127.0.0.1:" + io.listen(0).address().getPort() + "/socket.io/?EIO=4&transport=polling";
  }

  /** A long-polling client that joins {@code /} and sends no GET after that; its socket on the server. */
  private Socket stalledClient() throws Exception {
    String sid = Http.sid(Http.get(base).body());
    assertEquals("ok", Http.post(base + "&sid=" + sid, "40").body());
    await(() -> socketOf(sid) != null && joined.get() == 1, "the stalled client joined the room");
    return socketOf(sid);
  }

  private Socket socketOf(String engineId) {
    return io.of("/").sockets().values().stream().filter(s -> s.conn().id().equals(engineId)).findFirst()
        .orElse(null);
  }

  /**
   * The packets that waited for the stalled client, read with GETs (each takes at most {@code maxPayload}) until one
   * starts with {@code last}.
   */
  private List<String> pollUntil(Socket stalled, String last) throws Exception {
    List<String> packets = new ArrayList<>();
    while (packets.stream().noneMatch(p -> p.startsWith(last))) {
      packets.addAll(Arrays.asList(Http.get(base + "&sid=" + stalled.conn().id()).body().split("\u001e")));
    }
    return packets;
  }

  private List<WsClient> healthyClients() throws InterruptedException {
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < HEALTHY; i++) {
      WsClient client = WsClient.connect(URI.create(base.replace("http", "ws").replace("polling", "websocket")));
      client.handshake();
      client.send("40");
      assertTrue(client.next().startsWith("40{"));
      clients.add(client);
    }
    await(() -> joined.get() == HEALTHY + 1, "every client joined the room");
    return clients;
  }

  @Test
  void dropOldestKeepsTheSlowSocketConnectedAndTheOthersWhole() throws Exception {
    start(SlowConsumerPolicy.DROP_OLDEST);
    Socket slow = stalledClient();
    List<WsClient> healthy = healthyClients();
    broadcast(EVENTS, false);
    for (WsClient client : healthy) {
      assertAllInOrder(client, EVENTS);
    }
    assertEquals(1, reported.size(), "reported once: " + reported);
    assertEquals(slow.id(), reported.get(0).socket().id());
    assertEquals(SlowConsumerPolicy.DROP_OLDEST, reported.get(0).policy());
    await(() -> slow.conn().bufferedBytes() <= BUFFER_BYTES, "the send buffer's limit holds");
    assertTrue(slow.connected(), "the slow socket stays");
    assertFalse(disconnected.containsKey(slow.id()));
    // reading again, it gets the newest events, in order: the oldest gave way
    List<Integer> events = pollUntil(slow, "42[\"n\"," + (EVENTS - 1) + ",").stream()
        .filter(p -> p.startsWith("42[\"n\",")).map(p -> Integer.parseInt(p.substring(7, p.indexOf(',', 7)))).toList();
    assertEquals(events.stream().sorted().distinct().toList(), events, "in order, once each");
    assertTrue(events.get(0) > 0, "the oldest gave way: " + events.get(0));
  }

  @Test
  void dropVolatileShedsVolatileEventsThenClosesForOnesThatMatter() throws Exception {
    start(SlowConsumerPolicy.DROP_VOLATILE);
    Socket slow = stalledClient();
    List<WsClient> healthy = healthyClients();
    broadcast(EVENTS, true);
    assertTrue(slow.connected(), "volatile events give way; the socket stays");
    assertTrue(slow.conn().bufferedBytes() <= BUFFER_BYTES, "the send buffer's limit holds");

    broadcast(EVENTS, false);
    for (WsClient client : healthy) {
      assertAllInOrder(client, EVENTS);
    }
    await(() -> disconnected.get(slow.id()) == DisconnectReason.SEND_BUFFER_FULL,
        "events that matter close the slow socket's connection once nothing else gives way");
    assertEquals(1, reported.size(), "reported once: " + reported);
    assertEquals(SlowConsumerPolicy.DROP_VOLATILE, reported.get(0).policy());
    assertEquals(1, disconnected.size(), "no other socket left: " + disconnected);
  }

  @Test
  void disconnectClosesTheSlowSocketOnlyAndTheOthersGetEverything() throws Exception {
    start(SlowConsumerPolicy.DISCONNECT);
    Socket slow = stalledClient();
    List<WsClient> healthy = healthyClients();
    broadcast(EVENTS, false);
    for (WsClient client : healthy) {
      assertAllInOrder(client, EVENTS);
    }
    await(() -> disconnected.get(slow.id()) == DisconnectReason.SEND_BUFFER_FULL, "the slow socket is closed");
    assertEquals(1, reported.size(), "reported once: " + reported);
    assertEquals(1, disconnected.size(), "no other socket left: " + disconnected);
  }

  @Test
  void theLatestValuePerKeyReplacesWhatStillWaits() throws Exception {
    start(SlowConsumerPolicy.DISCONNECT);
    Socket slow = stalledClient();
    for (int i = 0; i < EVENTS; i++) {
      io.to("room").latest("price").emit("price", i, PAYLOAD);
    }
    assertTrue(slow.connected(), "replaced values never fill the buffer");
    assertTrue(reported.isEmpty(), "a replaced value is no drop: " + reported);
    List<String> prices = pollUntil(slow, "42[\"price\",").stream().filter(p -> p.startsWith("42[\"price\","))
        .toList();
    assertEquals(1, prices.size(), "one value waited");
    assertTrue(prices.get(0).startsWith("42[\"price\"," + (EVENTS - 1) + ","), "the latest one");
  }

  /**
   * Broadcasts {@code count} numbered events to the room at 1,000 a second (an open-loop sender): {@code n}, or
   * {@code v} sent volatile.
   */
  private void broadcast(int count, boolean volatileFlag) throws InterruptedException {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (volatileFlag) {
        io.to("room").asVolatile().emit("v", i, PAYLOAD);
      } else {
        io.to("room").emit("n", i, PAYLOAD);
      }
      long wait = start + TimeUnit.MILLISECONDS.toNanos(i + 1) - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
  }

  /** The client got every {@code n} event, in order (volatile ones, which a busy transport may drop, aside). */
  private static void assertAllInOrder(WsClient client, int count) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      String frame = client.next();
      while (frame.startsWith("42[\"v\",")) {
        frame = client.next();
      }
      assertTrue(frame.startsWith("42[\"n\"," + i + ","), "event " + i + " expected, got " + frame);
    }
  }
}
