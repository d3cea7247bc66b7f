package dev.sio4j.interop.redis;

import static dev.sio4j.interop.cluster.ClusterServers.TIMEOUT;
import static dev.sio4j.interop.cluster.ClusterServers.each;
import static dev.sio4j.interop.cluster.ClusterServers.linesUntilEnd;
import static dev.sio4j.interop.cluster.ClusterServers.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.interop.cluster.ClusterServers;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisClusterAdapter;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One cluster over a real redis-server: two sio4j servers (A, B) with the Redis adapter and a Node server (socket.io
 * 4.8 with {@code @socket.io/redis-adapter} 8.3), official socket.io-client clients on each. Broadcasts, socket
 * operations, server-side emits (with and without answers) and broadcast acknowledgements cross every server, both
 * ways.
 */
class MixedClusterTest {
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

  private String javaServer(String name) {
    return servers.start(name,
        ServerOptions.builder().adapterFactory(RedisAdapterFactory.create(redis.uri())).build());
  }

  @Test
  void broadcastsSocketOperationsServerSideEmitsAndAcksCrossJavaAndNodeServers() throws Exception {
    String a = javaServer("A");
    String b = javaServer("B");
    SocketIoServer ioA = servers.get(0);
    try (NodePeer node = NodePeer.start(Paths.get("src/test/node/cluster/cluster.js"), "redis", redis.uri(), "3",
        "a1=" + a + "@red", "a2=" + a + "@blue", "b1=" + b + "@red", "n1=node@red", "n2=node@blue")) {
      node.awaitLine("ready", TIMEOUT);

      // broadcasts from a Java server: to all, to a room, with except
      ioA.emit("from-java", 1, new byte[] {3});
      ioA.to("red").emit("java-red");
      ioA.except("red").emit("java-not-red");
      ioA.emit("end");
      assertEquals(Set.of(
          "a1 from-java [1,\"bin:03\"]", "a2 from-java [1,\"bin:03\"]", "b1 from-java [1,\"bin:03\"]",
          "n1 from-java [1,\"bin:03\"]", "n2 from-java [1,\"bin:03\"]",
          "a1 java-red []", "b1 java-red []", "n1 java-red []",
          "a2 java-not-red []", "n2 java-not-red []"), linesUntilEnd(node, 5));

      // broadcasts from the Node server
      node.sendLine("emit-all");
      node.sendLine("emit-room red");
      node.sendLine("emit-except red");
      node.sendLine("emit-end");
      assertEquals(Set.of(
          "a1 from-node [1,\"bin:0102\"]", "a2 from-node [1,\"bin:0102\"]", "b1 from-node [1,\"bin:0102\"]",
          "n1 from-node [1,\"bin:0102\"]", "n2 from-node [1,\"bin:0102\"]",
          "a1 node-room [\"red\"]", "b1 node-room [\"red\"]", "n1 node-room [\"red\"]",
          "a2 node-except []", "n2 node-except []"), linesUntilEnd(node, 5));

      // fetchSockets across the cluster, from Java and from Node
      List<RemoteSocket> red = ioA.in("red").fetchSockets().get(10, TimeUnit.SECONDS);
      assertEquals(Set.of("a1", "b1", "n1"), names(red));
      RemoteSocket n1 = red.stream().filter(s -> "n1".equals(s.data().get("name"))).findFirst().orElseThrow();
      assertTrue(n1.rooms().contains("red") && n1.rooms().contains(n1.id()), n1.rooms().toString());
      assertEquals("n1", n1.handshake().auth().path("name").asText());
      node.sendLine("fetch blue");
      node.awaitLine("fetched blue a2,n2", TIMEOUT);

      // a remote socket's own operations: an emit to the Node client n1 from Java
      n1.emit("just-you", "n1");
      node.awaitLine("n1 just-you [\"n1\"]", TIMEOUT);

      // socketsJoin from Java reaches every server (the fetch, queued behind the join on each server, sees it)
      ioA.in("blue").socketsJoin("green");
      assertEquals(Set.of("a2", "n2"), names(ioA.in("green").fetchSockets().get(10, TimeUnit.SECONDS)));
      node.sendLine("join red");
      node.awaitLine("joined red", TIMEOUT);
      // the reference applies its own socketsJoin when its message comes back from Redis, so it lands on each server
      // a little later: wait for it (bounded)
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      Set<String> nodeRed = Set.of();
      while (!nodeRed.equals(Set.of("a1", "b1", "n1")) && System.nanoTime() < deadline) {
        nodeRed = names(ioA.in("node-red").fetchSockets().get(10, TimeUnit.SECONDS));
      }
      assertEquals(Set.of("a1", "b1", "n1"), nodeRed);

      // allRooms across the cluster, both ways (a socket's own room included)
      RedisClusterAdapter adapterA = (RedisClusterAdapter) ioA.of("/").adapter();
      Set<String> rooms = adapterA.allRooms().get(10, TimeUnit.SECONDS);
      assertTrue(rooms.containsAll(Set.of("red", "blue", "green", "node-red", n1.id())), rooms.toString());
      String b1 = names(red).contains("b1") ? red.stream().filter(s -> "b1".equals(s.data().get("name")))
          .findFirst().orElseThrow().id() : null;
      node.sendLine("rooms " + b1);
      node.awaitLine("rooms blue,green,node-red,red with " + b1, TIMEOUT);

      // serverSideEmit and serverSideEmitWithAck both ways
      servers.assertServerSideEmitsBothWays(node);

      // broadcast with acknowledgements across the cluster, both ways
      servers.assertBroadcastAcksBothWays(node, "a1", "a2", "b1", "n1", "n2");

      // disconnectSockets from Node and from Java
      servers.assertDisconnectSocketsBothWays(node, Set.of("a2", "n2"), Set.of("a1", "b1", "n1"));
    }
  }
}
