package dev.sio4j.interop.redis;

import static dev.sio4j.interop.cluster.ClusterServers.TIMEOUT;
import static dev.sio4j.interop.cluster.ClusterServers.each;
import static dev.sio4j.interop.cluster.ClusterServers.linesUntilEnd;
import static dev.sio4j.interop.cluster.ClusterServers.named;
import static dev.sio4j.interop.cluster.ClusterServers.union;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.interop.cluster.ClusterServers;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisClusterAdapter;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.redis.ShardedRedisAdapterFactory;
import dev.sio4j.redis.ShardedRedisAdapterOptions;
import dev.sio4j.redis.ShardedRedisAdapterOptions.SubscriptionMode;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One cluster on a real redis-server (7+): two sio4j servers (A, B) and a Node server (socket.io 4.8) with the same
 * adapter, official socket.io-client clients on each: classic pub/sub ({@code createAdapter} of {@code
 * @socket.io/redis-adapter} 8.3), sharded pub/sub (its {@code createShardedAdapter}) in each subscription mode, and a
 * Redis stream ({@code @socket.io/redis-streams-adapter} 0.3, connection state recovery on everywhere, so broadcasts
 * carry the stream's offsets). Broadcasts (rooms, except, binary), socket operations, server-side emits (with and
 * without answers) and broadcast acknowledgements cross every server, both ways; with the classic adapter, allRooms
 * too.
 */
class MixedRedisClusterTest {
  private RedisServer redis;
  private final ClusterServers servers = new ClusterServers();

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    servers.close();
    redis.close();
  }

  /** {@code classic}, {@code sharded:<mode>} (a {@link SubscriptionMode} as the reference spells it) or {@code streams}. */
  private String javaServer(String name, String adapter) {
    ServerOptions.Builder options = ServerOptions.builder();
    if (adapter.equals("classic")) {
      options.adapterFactory(RedisAdapterFactory.create(redis.uri()));
    } else if (adapter.equals("streams")) {
      options.adapterFactory(RedisStreamsAdapterFactory.create(redis.uri())).connectionStateRecovery(
          ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofMinutes(2)).build());
    } else {
      SubscriptionMode mode = SubscriptionMode.valueOf(adapter.substring("sharded:".length())
          .toUpperCase(Locale.ROOT).replace('-', '_'));
      options.adapterFactory(ShardedRedisAdapterFactory.create(redis.uri(),
          ShardedRedisAdapterOptions.builder().subscriptionMode(mode).build()));
    }
    return servers.start(name, options.build());
  }

  /** The Node script's adapter argument for {@code adapter}. */
  private static String nodeAdapter(String adapter) {
    return adapter.equals("classic") ? "redis" : "redis-" + adapter;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"classic", "sharded:static", "sharded:dynamic", "sharded:dynamic-private", "streams"})
  void broadcastsSocketOperationsServerSideEmitsAndAcksCrossJavaAndNodeServers(String adapter) throws Exception {
    String a = javaServer("A", adapter);
    String b = javaServer("B", adapter);
    SocketIoServer ioA = servers.get(0);
    try (NodePeer node = NodePeer.start(Paths.get("src/test/node/cluster/cluster.js"), nodeAdapter(adapter),
        redis.uri(), "3", "a1=" + a + "@red", "a2=" + a + "@blue", "b1=" + b + "@red", "b2=" + b + "@red+blue",
        "n1=node@red", "n2=node@blue", "n3=node@red+blue")) {
      node.awaitLine("ready", TIMEOUT);

      // broadcasts from a Java server: to all (binary), to a room except another (binary), except a room
      ioA.emit("from-java", 1, new byte[] {3});
      ioA.to("red").except("blue").emit("java-red", new byte[] {7});
      ioA.except("red").emit("java-not-red");
      ioA.emit("end");
      assertEquals(union(
          each("from-java [1,\"bin:03\"]", "a1", "a2", "b1", "b2", "n1", "n2", "n3"),
          each("java-red [\"bin:07\"]", "a1", "b1", "n1"),
          each("java-not-red []", "a2", "n2")), linesUntilEnd(node, 7));
      if (adapter.equals("streams")) {
        // one offset per broadcast, the same on the Java and the Node servers' clients
        node.sendLine("offsets from-java");
        node.awaitLine("offsets 1", TIMEOUT);
      }

      // broadcasts from the Node server
      node.sendLine("emit-all");
      node.sendLine("emit-room-except red blue");
      node.sendLine("emit-except red");
      node.sendLine("emit-end");
      assertEquals(union(
          each("from-node [1,\"bin:0102\"]", "a1", "a2", "b1", "b2", "n1", "n2", "n3"),
          each("node-room-except [\"bin:09\"]", "a1", "b1", "n1"),
          each("node-except []", "a2", "n2")), linesUntilEnd(node, 7));

      // fetchSockets across the cluster, from Java and from Node
      List<RemoteSocket> red = servers.assertFetchSocketsBothWays(node, Set.of("a1", "b1", "b2", "n1", "n3"),
          Set.of("a2", "b2", "n2", "n3"));

      // a remote socket's own operations: an emit to the Node client n1 from Java (its own room)
      named(red, "n1").emit("just-you", "n1");
      node.awaitLine("n1 just-you [\"n1\"]", TIMEOUT);

      // socketsJoin both ways (a message, or the stream); then a Node broadcast to the room joined from Java
      servers.assertSocketsJoinBothWays(node, Set.of("a2", "b2", "n2", "n3"), Set.of("a1", "b1", "b2", "n1", "n3"));
      node.sendLine("emit-room green");
      node.sendLine("emit-end");
      assertEquals(each("node-room [\"green\"]", "a2", "b2", "n2", "n3"), linesUntilEnd(node, 7));

      if (adapter.equals("classic")) {
        // allRooms across the cluster, both ways (a socket's own room included)
        Set<String> rooms = ((RedisClusterAdapter) ioA.of("/").adapter()).allRooms().get(10, TimeUnit.SECONDS);
        assertTrue(rooms.containsAll(Set.of("red", "blue", "green", "node-red", named(red, "n1").id())),
            rooms.toString());
        String b1 = named(red, "b1").id();
        node.sendLine("rooms " + b1);
        node.awaitLine("rooms blue,green,node-red,red with " + b1, TIMEOUT);
      }

      // serverSideEmit and serverSideEmitWithAck both ways
      servers.assertServerSideEmitsBothWays(node);

      // broadcast with acknowledgements across the cluster, both ways
      servers.assertBroadcastAcksBothWays(node, "a1", "a2", "b1", "b2", "n1", "n2", "n3");

      // disconnectSockets from Node and from Java
      servers.assertDisconnectSocketsBothWays(node, Set.of("a2", "b2", "n2", "n3"), Set.of("a1", "b1", "n1"));
    }
  }
}
