package dev.sio4j.interop.postgres;

import static dev.sio4j.interop.cluster.ClusterServers.TIMEOUT;
import static dev.sio4j.interop.cluster.ClusterServers.each;
import static dev.sio4j.interop.cluster.ClusterServers.union;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.interop.cluster.ClusterServers;
import dev.sio4j.postgres.PostgresAdapterFactory;
import dev.sio4j.postgres.PostgresAdapterOptions;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.PostgresDatabase;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One cluster over the local PostgreSQL ({@link PostgresDatabase}): two sio4j servers (A, B) with the Postgres adapter
 * and a Node server (socket.io 4.8 with {@code @socket.io/postgres-adapter} 0.5 and {@code pg} 8), official
 * socket.io-client clients on each. Broadcasts (rooms, except, binary; payloads above the 8000-byte notification limit
 * through the attachments table), fetchSockets, socketsJoin, disconnectSockets, server-side emits with answers and
 * broadcast acknowledgements cross every server, both ways.
 */
class MixedPostgresClusterTest {
  private final ClusterServers servers = new ClusterServers();
  // a channel prefix of this run's own: other runs on the same database must not join this cluster
  private final String prefix = "mixed" + Long.toHexString(ThreadLocalRandom.current().nextLong());

  @BeforeAll
  static void requirePostgres() {
    PostgresDatabase.require();
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  private String javaServer(String name) {
    return servers.start(name, ServerOptions.builder().adapterFactory(PostgresAdapterFactory.create(
        PostgresDatabase.url(), PostgresAdapterOptions.builder().channelPrefix(prefix).build())).build());
  }

  /** {@code size} bytes counting modulo 251, as the Node script's. */
  private static byte[] big(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i % 251);
    }
    return bytes;
  }

  /** How the Node script prints a large binary value. */
  private static String shown(byte[] bytes) {
    String hex = HexFormat.of().formatHex(bytes);
    return "bin(" + bytes.length + "):" + hex.substring(0, 4) + ".." + hex.substring(hex.length() - 4);
  }

  /**
   * The lines that arrive until {@code expected} all did, sorted, the {@code end} markers left out: every line the
   * clients printed meanwhile, so that one too many shows. Not "until the end markers": the reference reads an
   * attachment asynchronously, so on the Node server a small message sent after a large one may overtake it.
   */
  private static List<String> awaitLines(NodePeer peer, List<String> expected) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    while (!lines.containsAll(expected)) {
      String line = peer.awaitLine(l -> true, TIMEOUT);
      if (!line.endsWith(" end []")) {
        lines.add(line);
      }
    }
    lines.sort(null);
    return lines;
  }

  private static List<String> sorted(Set<String> lines) {
    return lines.stream().sorted().collect(Collectors.toList());
  }

  private void awaitServerCount(int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (SocketIoServer io : servers.all()) {
      while (io.of("/").adapter().serverCount() < expected) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the servers did not see each other: " + io.of("/").adapter().serverCount());
        }
        Thread.sleep(20);
      }
    }
  }

  @Test
  void broadcastsSocketOperationsServerSideEmitsAndAcksCrossJavaAndNodeServers() throws Exception {
    String a = javaServer("A");
    String b = javaServer("B");
    SocketIoServer ioA = servers.get(0);
    awaitServerCount(2);
    try (NodePeer node = NodePeer.start(Paths.get("src/test/node/cluster/cluster.js"), "postgres:" + prefix,
        PostgresDatabase.nodeUrl(), "3", "a1=" + a + "@red", "a2=" + a + "@blue", "b1=" + b + "@red",
        "n1=node@red", "n2=node@blue")) {
      node.awaitLine("ready", TIMEOUT);
      awaitServerCount(3);
      byte[] big = big(10_000);

      // broadcasts from a Java server: to all, to a room, with except, above the notification limit
      ioA.emit("from-java", 1, new byte[] {3});
      ioA.to("red").emit("java-red");
      ioA.except("red").emit("java-not-red", new byte[] {4});
      ioA.to("blue").emit("java-big", big, "x".repeat(9000));
      ioA.to("red").emit("java-big-text", "z".repeat(9000));
      ioA.emit("end");
      String bigArgs = " [\"" + shown(big) + "\",\"str(9000)\"]";
      List<String> fromJava = sorted(union(
          each("from-java [1,\"bin:03\"]", "a1", "a2", "b1", "n1", "n2"),
          each("java-red []", "a1", "b1", "n1"),
          each("java-not-red [\"bin:04\"]", "a2", "n2"),
          each("java-big" + bigArgs, "a2", "n2"),
          each("java-big-text [\"str(9000)\"]", "a1", "b1", "n1")));
      assertEquals(fromJava, awaitLines(node, fromJava));

      // broadcasts from the Node server
      node.sendLine("emit-all");
      node.sendLine("emit-room red");
      node.sendLine("emit-except red");
      node.sendLine("emit-big blue");
      node.sendLine("emit-end");
      String nodeBig = " [\"" + shown(big) + "\",\"str(9000)\"]";
      List<String> fromNode = sorted(union(
          each("from-node [1,\"bin:0102\"]", "a1", "a2", "b1", "n1", "n2"),
          each("node-room [\"red\"]", "a1", "b1", "n1"),
          each("node-except []", "a2", "n2"),
          each("node-big" + nodeBig, "a2", "n2")));
      assertEquals(fromNode, awaitLines(node, fromNode));

      // fetchSockets and socketsJoin across the cluster, from Java and from Node
      servers.assertFetchSocketsBothWays(node, Set.of("a1", "b1", "n1"), Set.of("a2", "n2"));
      servers.assertSocketsJoinBothWays(node, Set.of("a2", "n2"), Set.of("a1", "b1", "n1"));

      // serverSideEmit and serverSideEmitWithAck both ways
      servers.assertServerSideEmitsBothWays(node);

      // broadcast with acknowledgements across the cluster, both ways
      servers.assertBroadcastAcksBothWays(node, "a1", "a2", "b1", "n1", "n2");

      // disconnectSockets from Node and from Java
      servers.assertDisconnectSocketsBothWays(node, Set.of("a2", "n2"), Set.of("a1", "b1", "n1"));
    }
  }
}
