package dev.sio4j.interop.redis;

import static dev.sio4j.interop.cluster.ClusterServers.TIMEOUT;
import static dev.sio4j.interop.cluster.ClusterServers.names;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.interop.cluster.ClusterServers;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisEmitter;
import dev.sio4j.redis.RedisEmitterOptions;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.redis.RedisStreamsAdapterOptions;
import dev.sio4j.redis.ShardedRedisAdapterFactory;
import dev.sio4j.redis.ShardedRedisAdapterOptions;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisCluster;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Redis adapters on a real Redis Cluster of three masters (started by the test, {@link RedisCluster}), through
 * Lettuce's cluster client: two sio4j servers (A, B), official socket.io-client clients on each. Broadcasts (rooms,
 * except, binary), broadcast acknowledgements, fetchSockets, socketsJoin, server-side emits with answers and
 * disconnectSockets cross the servers, with the classic adapter (PUBLISH, forwarded to every node) and the sharded one
 * (SPUBLISH / SSUBSCRIBE, each channel on the node of its slot; room channels spread over the masters) and the
 * streams one (XADD / XREAD on the stream's node, PUBLISH for the messages that are not kept); and
 * {@link RedisEmitter} reaches the classic adapter's clients through the cluster.
 */
class RedisClusterModeTest {
  private static RedisCluster cluster;
  private final ClusterServers servers = new ClusterServers();

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start(3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  private String javaServer(String name, String kind, String key) {
    AdapterFactory adapters = switch (kind) {
      case "classic" -> RedisAdapterFactory.createCluster(cluster.uris(), RedisAdapterOptions.builder().key(key).build());
      case "sharded" -> ShardedRedisAdapterFactory.createCluster(cluster.uris(),
          ShardedRedisAdapterOptions.builder().channelPrefix(key).build());
      default -> RedisStreamsAdapterFactory.createCluster(cluster.uris(),
          RedisStreamsAdapterOptions.builder().streamName(key).channelPrefix(key).build());
    };
    return servers.start(name, ServerOptions.builder().adapterFactory(adapters).build());
  }

  private void awaitServers(int count) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (SocketIoServer io : servers.all()) {
      while (io.sockets().adapter().serverCountAsync().get(5, TimeUnit.SECONDS) < count) {
        assertTrue(System.nanoTime() < deadline, "the servers did not all subscribe");
        Thread.sleep(20);
      }
    }
  }

  /**
   * The lines that arrive until {@code expected} all did, sorted (duplicates kept), the {@code end} and {@code probe}
   * lines left out. Not "until the end markers": in a cluster the channels of a namespace and of its rooms may live on
   * different nodes, and Redis orders messages per channel only.
   */
  private static List<String> awaitLines(NodePeer peer, List<String> expected) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    while (!lines.containsAll(expected)) {
      String line = peer.awaitLine(l -> true, TIMEOUT);
      if (!line.endsWith(" end []") && !line.endsWith(" probe []")) {
        lines.add(line);
      }
    }
    lines.sort(null);
    return lines;
  }

  /** Emits {@code probe} from {@code io} to {@code room} until {@code client} got one. */
  private static void awaitRoom(NodePeer clients, SocketIoServer io, String room, String client) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      io.to(room).emit("probe");
      try {
        clients.awaitLine((client + " probe []")::equals, Duration.ofMillis(200));
        return;
      } catch (AssertionError notYet) {
        assertTrue(System.nanoTime() < deadline, room + " never reached " + client);
      }
    }
  }

  private static List<String> sorted(String... lines) {
    return List.of(lines).stream().sorted().collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0} adapter")
  @ValueSource(strings = {"classic", "sharded", "streams"})
  void broadcastsAcksFetchSocketsAndSocketOperationsCrossTheServers(String kind) throws Exception {
    String key = kind + "-cluster"; // one cluster for both runs: keep their channels apart
    String a = javaServer("A", kind, key);
    String b = javaServer("B", kind, key);
    SocketIoServer ioA = servers.get(0);
    SocketIoServer ioB = servers.get(1);
    awaitServers(2);
    try (NodePeer clients = NodePeer.start(Paths.get("src/test/node/redis/clients.js"),
        "a1=" + a + "@red", "a2=" + a + "@blue", "b1=" + b + "@red", "b2=" + b + "@blue")) {
      clients.awaitLine("ready", TIMEOUT);
      // a room's own channel (sharded adapter) is subscribed when the room appears, asynchronously, and in a cluster
      // on the node of its slot: wait until each room reaches the other server's client
      awaitRoom(clients, ioB, "red", "a1");
      awaitRoom(clients, ioA, "red", "b1");
      awaitRoom(clients, ioB, "blue", "a2");
      awaitRoom(clients, ioA, "blue", "b2");

      // broadcasts from each server: to all (binary), to one room (its own channel in the sharded adapter), except
      ioA.emit("all", 1, new byte[] {7});
      ioB.to("red").emit("red");
      ioA.except("red").emit("not-red");
      ioB.to("blue").to("red").except("blue").emit("red-not-blue");
      List<String> broadcasts = sorted("a1 all [1,\"bin:07\"]", "a2 all [1,\"bin:07\"]", "b1 all [1,\"bin:07\"]",
          "b2 all [1,\"bin:07\"]", "a1 red []", "b1 red []", "a2 not-red []", "b2 not-red []",
          "a1 red-not-blue []", "b1 red-not-blue []");
      assertEquals(broadcasts, awaitLines(clients, broadcasts));

      // fetchSockets and a broadcast with acknowledgements across the servers
      assertEquals(Set.of("a1", "b1"), names(ioA.in("red").fetchSockets().get(10, TimeUnit.SECONDS)));
      assertEquals(Set.of("a1", "a2", "b1", "b2"), names(ioB.fetchSockets().get(10, TimeUnit.SECONDS)));
      List<Arguments> answers = ioA.timeout(5000).emitWithAck("poll").get(10, TimeUnit.SECONDS);
      assertEquals(Set.of("a1", "a2", "b1", "b2"),
          answers.stream().map(x -> x.get(0, String.class)).collect(Collectors.toSet()));
      List<String> polls = sorted("a1 poll []", "a2 poll []", "b1 poll []", "b2 poll []");
      assertEquals(polls, awaitLines(clients, polls));

      // socketsJoin, then a server-side emit with an answer
      ioA.in("blue").socketsJoin("green");
      assertEquals(Set.of("a2", "b2"), names(ioA.in("green").fetchSockets().get(10, TimeUnit.SECONDS)));
      assertEquals(List.of("B:7"), ioA.serverSideEmitWithAck("ask", 7).get(10, TimeUnit.SECONDS).stream()
          .map(x -> x.get(0, String.class)).collect(Collectors.toList()));

      // the emitter, through the cluster too (it speaks the classic adapter's format)
      if (kind.equals("classic")) {
        try (RedisEmitter emitter = RedisEmitter.createCluster(cluster.uris(),
            RedisEmitterOptions.builder().key(key).build())) {
          emitter.to("green").emit("from-emitter", new byte[] {9}).join();
          List<String> emitted = sorted("a2 from-emitter [\"bin:09\"]", "b2 from-emitter [\"bin:09\"]");
          assertEquals(emitted, awaitLines(clients, emitted));
        }
      }

      // disconnectSockets from the other server
      ioB.in("red").disconnectSockets(false);
      Set<String> gone = new HashSet<>();
      while (gone.size() < 2) {
        gone.add(clients.awaitLine(l -> l.contains(" disconnected "), TIMEOUT));
      }
      assertEquals(Set.of("a1 disconnected io server disconnect", "b1 disconnected io server disconnect"), gone);
      assertEquals(Set.of("a2", "b2"), names(ioA.fetchSockets().get(10, TimeUnit.SECONDS)));
    }
  }
}
