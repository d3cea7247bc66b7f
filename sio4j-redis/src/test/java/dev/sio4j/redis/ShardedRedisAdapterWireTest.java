package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.redis.ShardedRedisAdapterOptions.SubscriptionMode;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.ClusterRequestTimeoutException;
import dev.sio4j.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the sharded adapter puts on Redis and answers, seen by a plain Redis client with SSUBSCRIBE: the reference's
 * channels in each subscription mode, the cluster format as JSON or (with binary) msgpack, responses on the
 * requester's channel, room channels following the rooms, the server count as SHARDNUMSUB.
 */
class ShardedRedisAdapterWireTest extends RedisWireFixture {
  private static final String SID = "abcdefghij0123456789"; // 20 characters: a socket id

  private ClusterAdapter adapter(ShardedRedisAdapterOptions options) {
    return adapter(REDIS.server(), options);
  }

  private ClusterAdapter adapter(RedisServer server, ShardedRedisAdapterOptions options) {
    return adapter(ShardedRedisAdapterFactory.create(server.uri(), options), false, true);
  }

  private String[] next() throws InterruptedException {
    String[] m = seen.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("nothing published");
    }
    return m;
  }

  private JsonNode tree(String[] message) throws Exception {
    byte[] bytes = message[1].getBytes(StandardCharsets.ISO_8859_1);
    return bytes[0] == '{' ? mapper.readTree(bytes) : MsgpackReader.decode(bytes);
  }

  private static BroadcastOptions to(String... rooms) {
    return new BroadcastOptions(Set.of(rooms), Set.of("x"), false, true, false, 0);
  }

  private static ShardedRedisAdapterOptions options(SubscriptionMode mode) {
    return ShardedRedisAdapterOptions.builder().channelPrefix("k").subscriptionMode(mode).build();
  }

  private List<String> shardChannels() {
    return pub.sync().pubsubShardChannels("k#/chat#*");
  }

  @Test
  void broadcastsGoToTheNamespaceOrTheRoomsChannelAsJsonOrMsgpack() throws Exception {
    sub.sync().ssubscribe("k#/chat#", "k#/chat#room#", "k#/chat#" + SID + "#");
    ClusterAdapter adapter = adapter(options(SubscriptionMode.DYNAMIC));
    SocketIoPacket event = SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e").add(1),
        SocketIoPacket.NO_ACK);
    adapter.broadcast(event, to("room"));
    String[] single = next();
    assertEquals("k#/chat#room#", single[0]);
    assertEquals("{\"uid\":\"" + adapter.uid() + "\",\"nsp\":\"/chat\",\"type\":3,\"data\":{\"packet\":{\"type\":2,"
        + "\"data\":[\"e\",1],\"nsp\":\"/chat\"},\"opts\":{\"rooms\":[\"room\"],\"except\":[\"x\"],"
        + "\"flags\":{\"compress\":true}}}}", single[1]);

    // a socket's own room has no channel in "dynamic": the namespace's channel; binary makes it msgpack
    SocketIoPacket binary = SocketIoPacket.event("/chat",
        JsonNodeFactory.instance.arrayNode().add("e").add(new byte[] {1, 2}), SocketIoPacket.NO_ACK);
    adapter.broadcast(binary, to(SID));
    String[] own = next();
    assertEquals("k#/chat#", own[0]);
    JsonNode decoded = tree(own);
    assertFalse(own[1].startsWith("{"), "msgpack");
    assertEquals(3, decoded.get("type").asInt());
    assertTrue(decoded.at("/data/packet/data/1").isBinary());

    // two rooms, and a broadcast with acks, stay on the namespace's channel
    adapter.broadcast(event, to("room", "other"));
    assertEquals("k#/chat#", next()[0]);
    adapter.broadcastWithAck(event, to("room"), count -> { }, args -> { });
    String[] withAck = next();
    assertEquals("k#/chat#", withAck[0]);
    assertTrue(tree(withAck).at("/data/requestId").isTextual());

    ClusterAdapter everyRoom = adapter(options(SubscriptionMode.DYNAMIC_PRIVATE));
    everyRoom.broadcast(event, to(SID));
    assertEquals("k#/chat#" + SID + "#", next()[0], "dynamic-private: a socket's room has its channel");
  }

  @Test
  void roomChannelsAreSubscribedWhileTheRoomExists() throws Exception {
    ClusterAdapter dynamic = adapter(options(SubscriptionMode.DYNAMIC));
    dynamic.addAll(SID, Set.of(SID, "red"));
    awaitChannels(Set.of("k#/chat#", "k#/chat#" + dynamic.uid() + "#", "k#/chat#red#"));
    dynamic.del(SID, "red");
    awaitChannels(Set.of("k#/chat#", "k#/chat#" + dynamic.uid() + "#"));
    dynamic.close();

    ClusterAdapter all = adapter(options(SubscriptionMode.DYNAMIC_PRIVATE));
    all.addAll(SID, Set.of(SID, "red"));
    awaitChannels(Set.of("k#/chat#", "k#/chat#" + all.uid() + "#", "k#/chat#red#", "k#/chat#" + SID + "#"));
    all.delAll(SID);
    awaitChannels(Set.of("k#/chat#", "k#/chat#" + all.uid() + "#"));
    all.close();

    ClusterAdapter fixed = adapter(options(SubscriptionMode.STATIC));
    fixed.addAll(SID, Set.of(SID, "red"));
    Thread.sleep(100);
    awaitChannels(Set.of("k#/chat#", "k#/chat#" + fixed.uid() + "#"));
  }

  private void awaitChannels(Set<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Set.copyOf(shardChannels()).equals(expected)) {
      if (System.nanoTime() > deadline) {
        assertEquals(expected, Set.copyOf(shardChannels()));
      }
      Thread.sleep(10);
    }
  }

  @Test
  void answersOnTheRequestersChannelCountsServersAndASilentOneTimesOutAFetch() throws Exception {
    ClusterAdapter adapter = adapter(ShardedRedisAdapterOptions.builder().channelPrefix("k")
        .requestsTimeout(Duration.ofMillis(300)).build());
    sub.sync().ssubscribe("k#/chat#other#");
    awaitChannels(Set.of("k#/chat#", "k#/chat#" + adapter.uid() + "#", "k#/chat#other#"));
    assertEquals(1, adapter.serverCountAsync().get(5, TimeUnit.SECONDS));
    // garbage first: ignored, the adapter keeps answering
    pub.sync().spublish("k#/chat#", new byte[] {(byte) 0xc1, 0x7b});
    pub.sync().spublish("k#/chat#", "{\"uid\":\"other\",\"nsp\":\"/chat\",\"type\":9,\"data\":{\"requestId\":\"r1\","
        .concat("\"packet\":[\"ping\",1]}}").getBytes(StandardCharsets.UTF_8));
    String[] response = next();
    assertEquals("k#/chat#other#", response[0]);
    assertEquals("{\"uid\":\"" + adapter.uid() + "\",\"nsp\":\"/chat\",\"type\":10,\"data\":{\"requestId\":\"r1\","
        + "\"packet\":\"pong:ping\"}}", response[1]);

    // a server that never answers (subscribed, silent)
    sub.sync().ssubscribe("k#/chat#");
    assertEquals(2, adapter.serverCountAsync().get(5, TimeUnit.SECONDS));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> adapter.fetchSockets(to()).get(10, TimeUnit.SECONDS));
    ClusterRequestTimeoutException timeout = assertInstanceOf(ClusterRequestTimeoutException.class, e.getCause());
    assertEquals(2, timeout.expected());
    assertEquals(1, timeout.received());
  }

  @Test
  void roomBroadcastsCrossAgainOnceRedisIsBack() throws Exception {
    RedisServer own = RedisServer.start();
    try {
      ClusterAdapter a = adapter(own, options(SubscriptionMode.DYNAMIC));
      ClusterAdapter b = adapter(own, options(SubscriptionMode.DYNAMIC));
      b.addAll("s", Set.of("s", "red"));
      SocketIoPacket event = SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e"),
          SocketIoPacket.NO_ACK);
      awaitDelivery(a, event, "s 2/chat,[\"e\"]");

      own.close();
      own = RedisServer.start(own.port());
      // both clients reconnect (Lettuce's backoff) and subscribe again to their shard channels, the room's too
      awaitDelivery(a, event, "s 2/chat,[\"e\"]");
    } finally {
      own.close();
    }
  }

  // broadcasts to "red" until one arrives: subscriptions settle asynchronously, after a restart with a backoff
  private void awaitDelivery(ClusterAdapter from, SocketIoPacket event, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String got = null;
    while (got == null && System.nanoTime() < deadline) {
      from.broadcast(event, to("red"));
      got = delivered.poll(200, TimeUnit.MILLISECONDS);
    }
    assertEquals(expected, got);
    Thread.sleep(300);
    delivered.clear(); // the extra copies of the retries
  }
}
