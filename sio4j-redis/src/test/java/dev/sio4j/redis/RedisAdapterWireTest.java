package dev.sio4j.redis;

import dev.sio4j.testing.RedisServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.BroadcastOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the adapter puts on Redis and answers, seen by a plain Redis client: the reference's channel names, message
 * shapes, response channels, server count and request timeout.
 */
class RedisAdapterWireTest extends RedisWireFixture {
  @BeforeEach
  void subscribeToEverything() {
    sub.sync().psubscribe("k*");
  }

  private Adapter adapter(RedisAdapterOptions options) {
    return adapter(RedisAdapterFactory.create(REDIS.uri(), options), false, false);
  }

  private String[] next(String channelPrefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String[] m = seen.poll(100, TimeUnit.MILLISECONDS);
      if (m != null && m[0].startsWith(channelPrefix)) {
        return m;
      }
    }
    throw new AssertionError("nothing on " + channelPrefix);
  }

  private static byte[] bytes(String[] message) {
    return message[1].getBytes(StandardCharsets.ISO_8859_1);
  }

  private static BroadcastOptions to(Set<String> rooms) {
    return new BroadcastOptions(rooms, Set.of("x"), false, true, false, 0);
  }

  private void awaitServers(Adapter adapter, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (adapter.serverCountAsync().get(5, TimeUnit.SECONDS) < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the servers did not subscribe");
      }
      Thread.sleep(10);
    }
  }

  @Test
  void broadcastsGoToTheNamespaceOrSingleRoomChannelAsMsgpack() throws Exception {
    Adapter adapter = adapter(RedisAdapterOptions.builder().key("k").build());
    SocketIoPacket event = SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e").add(1),
        SocketIoPacket.NO_ACK);
    adapter.broadcast(event, to(Set.of("room")));
    String[] single = next("k#");
    assertEquals("k#/chat#room#", single[0]);
    JsonNode message = MsgpackReader.decode(bytes(single));
    assertEquals(3, message.size());
    assertEquals("{\"type\":2,\"data\":[\"e\",1],\"nsp\":\"/chat\"}", message.get(1).toString());
    assertEquals("{\"rooms\":[\"room\"],\"except\":[\"x\"],\"flags\":{\"compress\":true}}", message.get(2).toString());

    adapter.broadcast(event, to(Set.of("a", "b")));
    assertEquals("k#/chat#", next("k#")[0]);
    adapter.broadcast(event, new BroadcastOptions(Set.of(), Set.of(), false, true, true, 0));
    adapter.addSockets(to(Set.of("a")), Set.of("b"));
    String[] join = next("k-request#");
    assertEquals("k-request#/chat#", join[0], "a local broadcast is not published");
    JsonNode request = mapper.readTree(bytes(join));
    assertEquals(2, request.get("type").asInt());
    assertEquals("{\"rooms\":[\"a\"],\"except\":[\"x\"]}", request.get("opts").toString());
    assertEquals("[\"b\"]", request.get("rooms").toString());
  }

  @Test
  void answersRequestsOnTheSharedOrTheRequestersChannel() throws Exception {
    Adapter shared = adapter(RedisAdapterOptions.builder().key("k").build());
    shared.addAll("s1", Set.of("s1", "red"));
    awaitServers(shared, 1);
    // garbage first: ignored, the adapter keeps answering
    pub.sync().publish("k-request#/chat#", new byte[] {(byte) 0xc1, 0x7b});
    pub.sync().publish("k#/chat#", new byte[] {1, 2, 3});
    pub.sync().publish("k-request#/chat#",
        "{\"uid\":\"other\",\"requestId\":\"r1\",\"type\":1}".getBytes(StandardCharsets.UTF_8));
    String[] response = next("k-response#");
    assertEquals("k-response#/chat#", response[0]);
    JsonNode rooms = mapper.readTree(bytes(response));
    assertEquals("r1", rooms.get("requestId").asText());
    assertEquals(Set.of("s1", "red"), Set.copyOf(mapper.convertValue(rooms.get("rooms"), List.class)));
    shared.close();

    Adapter specific = adapter(RedisAdapterOptions.builder().key("k").publishOnSpecificResponseChannel(true).build());
    specific.addAll("s2", Set.of("s2"));
    awaitServers(specific, 1);
    pub.sync().publish("k-request#/chat#",
        "{\"uid\":\"other\",\"requestId\":\"r2\",\"type\":0,\"rooms\":[]}".getBytes(StandardCharsets.UTF_8));
    response = next("k-response#");
    assertEquals("k-response#/chat#other#", response[0]);
    assertEquals("{\"requestId\":\"r2\",\"sockets\":[\"s2\"]}", new String(bytes(response), StandardCharsets.UTF_8));
  }

  @Test
  void serverCountIsTheRequestChannelsSubscribersAndASilentServerTimesOutAFetch() throws Exception {
    RedisAdapterOptions options = RedisAdapterOptions.builder().key("k").requestsTimeout(Duration.ofMillis(300)).build();
    Adapter a = adapter(options);
    awaitServers(a, 1);
    Adapter b = adapter(options);
    awaitServers(a, 2);
    assertEquals(2, b.serverCount());
    b.close();
    awaitServers(a, 1);
    // a server that never answers (subscribed, silent)
    sub.sync().subscribe("k-request#/chat#");
    awaitServers(a, 2);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> a.fetchSockets(to(Set.of())).get(10, TimeUnit.SECONDS));
    RedisRequestTimeoutException timeout = assertInstanceOf(RedisRequestTimeoutException.class, e.getCause());
    assertEquals(2, timeout.expected());
    assertEquals(1, timeout.received());
  }

  private int clients() {
    return (int) pub.sync().clientList().lines().filter(l -> !l.isBlank()).count();
  }

  @Test
  void theFactoryConnectsWithItsFirstAdapterAndDisconnectsWithItsLast() throws Exception {
    int before = clients();
    RedisAdapterFactory factory = RedisAdapterFactory.create(REDIS.uri(),
        RedisAdapterOptions.builder().key("k").build());
    Adapter first = factory.create(new RecordingNamespace("/chat", mapper, scheduler, delivered, false, false));
    Adapter second = factory.create(new RecordingNamespace("/chat", mapper, scheduler, delivered, false, false));
    first.init();
    second.init();
    assertEquals(before + 2, clients(), "one publishing and one subscribed connection, shared");
    first.close();
    assertEquals(before + 2, clients());
    awaitServers(second, 1);
    second.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (clients() > before && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(before, clients(), "closed with the last adapter (the server's close)");
  }

  @Test
  void broadcastsCrossAgainOnceRedisIsBack() throws Exception {
    RedisServer own = RedisServer.start();
    RedisAdapterOptions options = RedisAdapterOptions.builder().key("k").build();
    try {
      Adapter a = adapter(RedisAdapterFactory.create(own.uri(), options), false, false);
      Adapter b = adapter(RedisAdapterFactory.create(own.uri(), options), false, false);
      b.addAll("s", Set.of("s"));
      awaitServers(a, 2);
      SocketIoPacket event = SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e"),
          SocketIoPacket.NO_ACK);
      a.broadcast(event, BroadcastOptions.ALL);
      assertEquals("s 2/chat,[\"e\"]", delivered.poll(10, TimeUnit.SECONDS));

      own.close();
      own = RedisServer.start(own.port());
      // both clients reconnect (Lettuce's backoff) and subscribe again
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int count = 0;
      while (count < 2 && System.nanoTime() < deadline) {
        try {
          count = a.serverCountAsync().get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          count = 0;
        }
        Thread.sleep(20);
      }
      assertEquals(2, count);
      a.broadcast(event, BroadcastOptions.ALL);
      assertEquals("s 2/chat,[\"e\"]", delivered.poll(10, TimeUnit.SECONDS));
    } finally {
      own.close();
    }
  }
}
