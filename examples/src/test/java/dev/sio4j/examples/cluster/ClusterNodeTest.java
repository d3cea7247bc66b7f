package dev.sio4j.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.EventArgs;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.PostgresDatabase;
import dev.sio4j.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two cluster nodes on a real redis-server (or the local PostgreSQL), with each adapter the command line offers, and a
 * sio4j client on each: the node's name on connection, the conformance echo, a room broadcast across nodes, the
 * cluster-wide count and the answers of every other node.
 */
class ClusterNodeTest {
  private RedisServer redis;
  private final List<SocketIoServer> nodes = new ArrayList<>();

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    nodes.forEach(SocketIoServer::close);
    redis.close();
  }

  private String node(String adapter, String name) {
    ClusterNode.Args args = ClusterNode.Args.parse(new String[] {"0", "--adapter=" + adapter,
        "--redis=" + redis.uri(), "--postgres=" + PostgresDatabase.url(), "--name=" + name});
    SocketIoServer io = ClusterNode.create(args.name(), ClusterNode.adapter(args));
    nodes.add(io);
    return "http://127.0.0.1:" + io.listen(0).address().getPort();
  }

  /** The values without the recovery offset the node appends last to each kept packet (recovery is on). */
  private static List<?> withoutOffset(EventArgs args) {
    return args.values().subList(0, args.size() - 1);
  }

  private static Socket connect(SocketIoClient client, String url, BlockingQueue<String> seen) {
    Socket socket = client.socket(url, ClientOptions.builder().transports(TransportType.WEBSOCKET).build());
    socket.on("server", args -> seen.add("server " + args.getString(0) + " " + args.size()));
    socket.on("message-back", args -> seen.add("message-back " + withoutOffset(args)));
    socket.on("msg", args -> seen.add("msg " + withoutOffset(args)));
    return socket;
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "redis-sharded", "redis-streams", "postgres"})
  void nodesServeTheContractAcrossTheCluster(String adapter) throws Exception {
    String a = node(adapter, "A");
    String b = node(adapter, "B");
    BlockingQueue<String> seenA = new LinkedBlockingQueue<>();
    BlockingQueue<String> seenB = new LinkedBlockingQueue<>();
    try (SocketIoClient client = new SocketIoClient()) {
      Socket onA = connect(client, a, seenA);
      Socket onB = connect(client, b, seenB);
      assertEquals("server A 2", seenA.poll(10, TimeUnit.SECONDS));
      assertEquals("server B 2", seenB.poll(10, TimeUnit.SECONDS));

      onA.emit("message", 1, "two");
      assertEquals("message-back [1, \"two\"]", seenA.poll(10, TimeUnit.SECONDS));
      EventArgs acked = onA.emitWithAck("message-with-ack", "x").get(10, TimeUnit.SECONDS);
      assertEquals("x", acked.getString(0));

      assertEquals("room1", onB.emitWithAck("join", "room1").get(10, TimeUnit.SECONDS).getString(0));
      // the sharded adapter subscribes to a new room's channel as the room is created, asynchronously (as the
      // reference): a round trip through the cluster gives the subscription time to land before A publishes
      assertEquals(2, onB.emitWithAck("count").get(10, TimeUnit.SECONDS).get(0, Integer.class));
      onA.emit("emit-to", "room1", "hello", 3);
      assertEquals("msg [\"hello\", 3]", seenB.poll(10, TimeUnit.SECONDS));
      assertEquals(null, seenA.poll(200, TimeUnit.MILLISECONDS), "A's socket is not in room1");

      assertEquals(2, onA.emitWithAck("count").get(10, TimeUnit.SECONDS).get(0, Integer.class));
      EventArgs answers = onA.emitWithAck("ask-all", 7).get(10, TimeUnit.SECONDS);
      Set<String> got = new TreeSet<>();
      answers.get(0).forEach(answer -> got.add(answer.toString()));
      assertEquals(Set.of("[\"B\",7]"), got);
    }
  }
}
