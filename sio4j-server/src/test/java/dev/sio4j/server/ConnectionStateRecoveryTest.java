package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineOptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery at the packet level (socket.io-protocol v5 CONNECT with {@code pid}/{@code offset}; the
 * reference's {@code SessionAwareAdapter}): offsets on kept broadcasts, sessions kept only for recoverable reasons, the
 * restored id, rooms and data, the missed packets replayed once and in order, middlewares skipped, and the bounds.
 */
class ConnectionStateRecoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private SocketIoServer io;
  private final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
  private final AtomicInteger middlewareRuns = new AtomicInteger();

  private void start(ConnectionStateRecovery recovery) {
    startWith(ServerOptions.builder().connectionStateRecovery(recovery).build());
  }

  private void startWith(ServerOptions options) {
    io = SocketIoServer.create(options);
    io.sockets().use((socket, next) -> {
      middlewareRuns.incrementAndGet();
      next.proceed();
    });
    io.onConnection(socket -> {
      socket.onDisconnect((s, reason) -> disconnects.add(reason.reason()));
      sockets.add(socket);
    });
  }

  @AfterEach
  void close() {
    if (io != null) {
      io.close();
    }
  }

  private static JsonNode connectAnswer(TestEngineSocket client, String auth) throws Exception {
    client.receive(auth == null ? "0" : "0" + auth);
    String answer = client.nextText();
    assertTrue(answer.startsWith("0{"), answer);
    return JSON.readTree(answer.substring(1));
  }

  /** An EVENT's data array; its last element is the offset when kept. */
  private static JsonNode event(TestEngineSocket client) throws Exception {
    String text = client.nextText();
    assertTrue(text.startsWith("2["), text);
    return JSON.readTree(text.substring(1));
  }

  /** The CONNECT auth of a client coming back from session {@code pid} with its last {@code offset}. */
  private static String recoveryAuth(String pid, String offset) {
    return "{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}";
  }

  /** Drops {@code client}'s connection (a recoverable reason), then broadcasts {@code news} it misses. */
  private void dropAndMiss(TestEngineSocket client, int... news) throws InterruptedException {
    client.drop(EngineCloseReason.TRANSPORT_CLOSE);
    disconnects.poll(5, TimeUnit.SECONDS);
    for (int n : news) {
      io.emit("news", n);
    }
  }

  /** A client back on a new connection: the session it asked to recover, and the server's CONNECT answer. */
  private record Comeback(String pid, TestEngineSocket client, JsonNode answer) {}

  /** A client connects and gets news 1, its connection drops, it misses news 2 and 3, and it comes back. */
  private Comeback comeBackAfterMissingTwo() throws Exception {
    TestEngineSocket first = new TestEngineSocket(io.engineListener());
    String pid = connectAnswer(first, null).get("pid").asText();
    nextSocket();
    io.emit("news", 1);
    String offset = event(first).get(2).asText();
    dropAndMiss(first, 2, 3);
    TestEngineSocket second = new TestEngineSocket(io.engineListener());
    return new Comeback(pid, second, connectAnswer(second, recoveryAuth(pid, offset)));
  }

  private Socket nextSocket() throws InterruptedException {
    return sockets.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void recoversIdRoomsDataAndMissedPacketsInOrder() throws Exception {
    start(ConnectionStateRecovery.defaults());
    TestEngineSocket first = new TestEngineSocket(io.engineListener());
    JsonNode hello = connectAnswer(first, null);
    String sid = hello.get("sid").asText();
    String pid = hello.get("pid").asText();
    assertNotEquals(sid, pid);
    Socket socket = nextSocket();
    assertFalse(socket.recovered());
    socket.join("room1");
    socket.data().put("name", "alice");

    io.to("room1").emit("news", 1);
    JsonNode live = event(first);
    assertEquals(3, live.size(), live.toString());
    assertEquals(1, live.get(1).asInt());
    String offset = live.get(2).asText();
    // an emit to the socket itself is kept too (it goes through the adapter), one with an ack is not
    socket.emit("direct", "a");
    assertEquals(3, event(first).size());
    socket.timeout(5_000).emitWithAck("asking");
    assertEquals("20[\"asking\"]", first.nextText());

    first.drop(EngineCloseReason.TRANSPORT_CLOSE);
    assertEquals("transport close", disconnects.poll(5, TimeUnit.SECONDS));
    io.to("room1").emit("news", 2);
    io.emit("news", 3, new byte[] {1, 2});
    io.except("room1").emit("news", 97);
    io.to("elsewhere").emit("news", 98);
    io.asVolatile().emit("news", 99);

    TestEngineSocket second = new TestEngineSocket(io.engineListener());
    JsonNode again = connectAnswer(second, "{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
    assertEquals(sid, again.get("sid").asText());
    assertEquals(pid, again.get("pid").asText());
    // the direct emit after the offset, then news 2 and 3 (binary: a placeholder, then the attachment)
    assertEquals("direct", event(second).get(0).asText());
    assertEquals(2, event(second).get(1).asInt());
    String binary = second.nextText();
    assertTrue(binary.startsWith("51-[\"news\",3,{\"_placeholder\":true,\"num\":0},\""), binary);
    assertTrue(second.next().isBinary());
    Socket recovered = nextSocket();
    assertTrue(recovered.recovered());
    assertEquals(sid, recovered.id());
    assertEquals(Set.of(sid, "room1"), recovered.rooms());
    assertEquals("alice", recovered.data().get("name"));
    assertEquals(1, middlewareRuns.get(), "middlewares skipped on recovery");
    io.to("room1").emit("news", 4);
    assertEquals(4, event(second).get(1).asInt());
  }

  @Test
  void noRecoveryAfterADeliberateLeaveOrWithAnUnknownOffset() throws Exception {
    start(ConnectionStateRecovery.builder().skipMiddlewares(false).build());
    TestEngineSocket first = new TestEngineSocket(io.engineListener());
    String pid = connectAnswer(first, null).get("pid").asText();
    nextSocket();
    io.emit("news", 1);
    String offset = event(first).get(2).asText();
    first.receive("1");
    assertEquals("client namespace disconnect", disconnects.poll(5, TimeUnit.SECONDS));
    String auth = "{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}";
    JsonNode fresh = connectAnswer(first, auth);
    assertNotEquals(pid, fresh.get("pid").asText());
    assertFalse(nextSocket().recovered());

    first.drop(EngineCloseReason.PING_TIMEOUT);
    assertEquals("ping timeout", disconnects.poll(5, TimeUnit.SECONDS));
    TestEngineSocket second = new TestEngineSocket(io.engineListener());
    String newPid = fresh.get("pid").asText();
    JsonNode unknownOffset = connectAnswer(second, "{\"pid\":\"" + newPid + "\",\"offset\":\"nope\"}");
    assertNotEquals(newPid, unknownOffset.get("pid").asText());
    assertFalse(nextSocket().recovered());
    assertEquals(3, middlewareRuns.get());
    // a recovered socket runs the middlewares again when skipMiddlewares is off
    io.emit("news", 2);
    String offset2 = event(second).get(2).asText();
    String pid2 = unknownOffset.get("pid").asText();
    second.drop(EngineCloseReason.TRANSPORT_ERROR);
    assertEquals("transport error", disconnects.poll(5, TimeUnit.SECONDS));
    TestEngineSocket third = new TestEngineSocket(io.engineListener());
    connectAnswer(third, "{\"pid\":\"" + pid2 + "\",\"offset\":\"" + offset2 + "\"}");
    assertTrue(nextSocket().recovered());
    assertEquals(4, middlewareRuns.get());
  }

  @Test
  void packetsBeyondMaxPacketsAreDroppedAndTheSessionIsNotRecovered() throws Exception {
    start(ConnectionStateRecovery.builder().maxPackets(2).build());
    Comeback back = comeBackAfterMissingTwo();
    assertNotEquals(back.pid(), back.answer().get("pid").asText(),
        "offset dropped: a partial replay would lose packet 2");
    assertFalse(nextSocket().recovered());
  }

  @Test
  void aReplayLargerThanTheSendBufferIsNotCutShortButRefused() throws Exception {
    startWith(ServerOptions.builder().connectionStateRecovery(ConnectionStateRecovery.builder().build())
        .engine(EngineOptions.builder().sendBufferSize(3).build()).build());
    Comeback back = comeBackAfterMissingTwo();
    String pid = back.pid();
    TestEngineSocket second = back.client();
    assertEquals(pid, back.answer().get("pid").asText(), "two missed packets and the CONNECT fit a buffer of 3");
    assertTrue(nextSocket().recovered());
    assertEquals(2, event(second).get(1).asInt());
    JsonNode last = event(second);
    assertEquals(3, last.get(1).asInt());
    String offset = last.get(2).asText();
    dropAndMiss(second, 4, 5, 6);
    TestEngineSocket third = new TestEngineSocket(io.engineListener());
    JsonNode answer = connectAnswer(third, recoveryAuth(pid, offset));
    assertNotEquals(pid, answer.get("pid").asText(), "three missed packets and the CONNECT do not fit: fresh session");
    assertFalse(nextSocket().recovered());
  }

  @Test
  void sessionsExpireAfterMaxDisconnectionDuration() throws Exception {
    start(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofMillis(1)).build());
    TestEngineSocket first = new TestEngineSocket(io.engineListener());
    String pid = connectAnswer(first, null).get("pid").asText();
    nextSocket();
    io.emit("news", 1);
    String offset = event(first).get(2).asText();
    first.drop(EngineCloseReason.TRANSPORT_CLOSE);
    disconnects.poll(5, TimeUnit.SECONDS);
    // well past the 1 ms limit whatever the scheduling: no waiting on a race
    Thread.sleep(20);
    TestEngineSocket second = new TestEngineSocket(io.engineListener());
    JsonNode answer = connectAnswer(second, "{\"pid\":\"" + pid + "\",\"offset\":\"" + offset + "\"}");
    assertNotEquals(pid, answer.get("pid").asText());
    assertFalse(nextSocket().recovered());
  }

  @Test
  void offWithoutTheOption() throws Exception {
    start(null);
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    JsonNode hello = connectAnswer(client, "{\"pid\":\"x\",\"offset\":\"y\"}");
    assertFalse(hello.has("pid"));
    assertFalse(nextSocket().recovered());
    io.emit("news", 1);
    assertEquals(2, event(client).size());
  }

  @Test
  void broadcastsDuringTheRecoveryArriveOnceAndInOrder() throws Exception {
    start(ConnectionStateRecovery.builder().maxPackets(1_000_000).build());
    TestEngineSocket first = new TestEngineSocket(io.engineListener());
    JsonNode hello = connectAnswer(first, null);
    nextSocket().join("room");
    io.to("room").emit("n", 0);
    String offset = event(first).get(2).asText();
    first.drop(EngineCloseReason.TRANSPORT_CLOSE);
    assertEquals("transport close", disconnects.poll(5, TimeUnit.SECONDS));

    // a broadcast stream racing with the recovery: before the session is looked up, between the look-up and the
    // join, and after; whichever way the race goes, the client must see 1, 2, 3... without gap or repeat
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    AtomicInteger last = new AtomicInteger();
    Thread emitter = new Thread(() -> {
      for (int n = 1; n <= 50_000 && !stop.get(); n++) {
        io.to("room").emit("n", n);
        last.set(n);
      }
    }, "recovery-test-emitter");
    emitter.start();
    while (last.get() < 100 && emitter.isAlive()) {
      Thread.onSpinWait();
    }
    TestEngineSocket second = new TestEngineSocket(io.engineListener());
    JsonNode again = connectAnswer(second, "{\"pid\":\"" + hello.get("pid").asText() + "\",\"offset\":\""
        + offset + "\"}");
    assertEquals(hello.get("sid").asText(), again.get("sid").asText());
    assertTrue(nextSocket().recovered());
    int atRecovery = last.get();
    while (last.get() < atRecovery + 100 && emitter.isAlive()) {
      Thread.onSpinWait();
    }
    stop.set(true);
    emitter.join(10_000);
    int end = last.get();
    for (int n = 1; n <= end; n++) {
      assertEquals(n, event(second).get(1).asInt());
    }
    assertTrue(second.silentFor(50));
  }

  @Test
  void aClientBackWhileItsOldSocketsHandlerStillRunsIsRecoveredOnceItEnds() throws Exception {
    start(ConnectionStateRecovery.defaults());
    java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    TestEngineSocket first = new TestEngineSocket(io.engineListener());
    JsonNode hello = connectAnswer(first, null);
    Socket socket = nextSocket();
    socket.on("slow", e -> {
      entered.countDown();
      release.await(10, TimeUnit.SECONDS);
      socket.data().put("set by", "the slow handler");
    });
    io.emit("news", 1);
    String offset = event(first).get(2).asText();
    first.receive("2[\"slow\"]");
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    first.drop(EngineCloseReason.TRANSPORT_CLOSE);
    TestEngineSocket second = new TestEngineSocket(io.engineListener());
    second.receive("0{\"pid\":\"" + hello.get("pid").asText() + "\",\"offset\":\"" + offset + "\"}");
    // the old socket has not persisted its session yet (its handler runs): the CONNECT waits for it
    assertTrue(second.silentFor(100));
    release.countDown();
    JsonNode again = JSON.readTree(second.nextText().substring(1));
    assertEquals(hello.get("sid").asText(), again.get("sid").asText());
    Socket recovered = nextSocket();
    assertTrue(recovered.recovered());
    assertEquals("the slow handler", recovered.data().get("set by"));
  }
}
