package dev.sio4j.interop.redis;

import static dev.sio4j.interop.cluster.ClusterServers.allLinesUntilEnd;
import static dev.sio4j.interop.cluster.ClusterServers.names;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisEmitter;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import java.io.IOException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Emitters over a real redis-server, both ways: sio4j's {@link RedisEmitter} and the official
 * {@code @socket.io/redis-emitter} 5.1 (run by Node) each reach the official socket.io-client clients of two sio4j
 * servers (Redis adapter) and of a Node server (socket.io 4.8 with {@code @socket.io/redis-adapter} 8.3), in two
 * namespaces: broadcasts to all, to rooms, with except, with binary; socketsJoin / socketsLeave;
 * disconnectSockets; serverSideEmit. The Java emitter runs without any Socket.IO server of its own, and publishes
 * the same bytes as the official one for the same operations.
 */
class RedisEmitterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private RedisServer redis;
  private final List<SocketIoServer> servers = new ArrayList<>();
  private final BlockingQueue<String> serverSideEmits = new LinkedBlockingQueue<>();
  private RedisEmitter javaEmitter;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    if (javaEmitter != null) {
      javaEmitter.close();
    }
    servers.forEach(SocketIoServer::close);
    redis.close();
  }

  private String javaServer(String name) {
    SocketIoServer io = SocketIoServer.create(
        ServerOptions.builder().adapterFactory(RedisAdapterFactory.create(redis.uri())).build());
    for (String nsp : List.of("/", "/admin")) {
      io.of(nsp).onConnection(socket -> {
        socket.data().put("name", socket.handshake().auth().path("name").asText());
        socket.join(socket.handshake().auth().path("room").asText());
      });
    }
    io.of("/").onServerSideEmit((event, args) -> serverSideEmits.add(name + " " + event + " " + args.values()));
    servers.add(io);
    ServerBinding binding = io.listen(0);
    return "http://127.0.0.1:" + binding.address().getPort();
  }

  /** The commands of emitter.js, done by sio4j's emitter. */
  private void javaEmitter(String line) {
    String[] parts = line.split(" ");
    List<String> args = List.of(parts).subList(1, parts.length);
    RedisEmitter emitter = javaEmitter;
    switch (parts[0]) {
      case "e-all" -> emitter.emit("from-emitter", 1, new byte[] {1, 2}, Map.of("nested", new byte[] {3})).join();
      case "e-room" -> emitter.to(args.get(0)).emit("e-room", args.get(0)).join();
      case "e-except" -> emitter.except(args.get(0)).compress(true).emit("e-except").join();
      case "e-rooms" -> emitter.to(args).except(args.get(0)).emit("e-rooms").join();
      case "e-nsp" -> emitter.of("/admin").emit("e-nsp").join();
      case "e-end" -> {
        emitter.emit("end").join();
        emitter.of("admin").emit("end").join();
      }
      case "e-join" -> emitter.in(args.get(0)).socketsJoin(args.get(1)).join();
      case "e-leave" -> emitter.in(args.get(0)).socketsLeave(args.get(1)).join();
      case "e-disconnect" -> emitter.in(args.get(0)).disconnectSockets(false).join();
      case "e-ssemit" -> emitter.serverSideEmit("hello", "from emitter", 3).join();
      default -> throw new IllegalArgumentException(line);
    }
  }

  private static List<String> sorted(String... lines) {
    return List.of(lines).stream().sorted().collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0} emitter")
  @ValueSource(strings = {"java", "node"})
  void emitterReachesTheClientsOfJavaAndNodeServers(String kind) throws Exception {
    String a = javaServer("A");
    String b = javaServer("B");
    SocketIoServer ioA = servers.get(0);
    try (NodePeer node = NodePeer.start(Paths.get("src/test/node/redis/emitter.js"), redis.uri(), "3",
        "a1=" + a + "@red", "a2=" + a + "@blue", "b1=" + b + "@red", "n1=node@red", "n2=node@blue",
        "ax=" + a + "/admin@red", "nx=node/admin@red")) {
      node.awaitLine("ready", TIMEOUT);
      javaEmitter = kind.equals("java") ? RedisEmitter.create(redis.uri()) : null;
      Op op = line -> {
        if (javaEmitter != null) {
          javaEmitter(line);
        } else {
          node.sendLine(line);
        }
      };

      // broadcasts: all (with binary, nested too), one room, except, several rooms with except, another namespace
      op.run("e-all");
      op.run("e-room red");
      op.run("e-except red");
      op.run("e-rooms red blue");
      op.run("e-nsp");
      op.run("e-end");
      String all = " from-emitter [1,\"bin:0102\",{\"nested\":\"bin:03\"}]";
      assertEquals(sorted("a1" + all, "a2" + all, "b1" + all, "n1" + all, "n2" + all,
          "a1 e-room [\"red\"]", "b1 e-room [\"red\"]", "n1 e-room [\"red\"]",
          "a2 e-except []", "n2 e-except []",
          "a2 e-rooms []", "n2 e-rooms []",
          "ax e-nsp []", "nx e-nsp []"), allLinesUntilEnd(node, 7));

      // socketsJoin / socketsLeave on every server: the broadcasts after each are ordered behind it
      op.run("e-join blue green");
      op.run("e-room green");
      op.run("e-leave blue green");
      op.run("e-room green");
      op.run("e-end");
      assertEquals(sorted("a2 e-room [\"green\"]", "n2 e-room [\"green\"]"), allLinesUntilEnd(node, 7));
      op.run("e-join red orange");
      op.run("e-end");
      allLinesUntilEnd(node, 7);
      assertEquals(Set.of("a1", "b1", "n1"), names(ioA.in("orange").fetchSockets().get(10, TimeUnit.SECONDS)));
      node.sendLine("fetch orange");
      node.awaitLine("fetched orange a1,b1,n1", TIMEOUT);

      // serverSideEmit: every server's listeners, once each
      op.run("e-ssemit");
      node.awaitLine("node got hello [\"from emitter\",3]", TIMEOUT);
      Set<String> got = new HashSet<>();
      for (int i = 0; i < 2; i++) {
        got.add(serverSideEmits.poll(10, TimeUnit.SECONDS));
      }
      assertEquals(Set.of("A hello [\"from emitter\", 3]", "B hello [\"from emitter\", 3]"), got);

      // disconnectSockets
      op.run("e-disconnect red");
      Set<String> gone = new HashSet<>();
      while (gone.size() < 3) {
        gone.add(node.awaitLine(l -> l.contains(" disconnected "), TIMEOUT));
      }
      assertEquals(Set.of("a1 disconnected io server disconnect", "b1 disconnected io server disconnect",
          "n1 disconnected io server disconnect"), gone);
      assertEquals(Set.of("a2"), names(ioA.fetchSockets().get(10, TimeUnit.SECONDS)).stream()
          .filter(n -> n.startsWith("a")).collect(Collectors.toSet()));
    }
  }

  /** The official emitter's operations, in the order of {@link #javaEmitterOperations}. */
  private static final String NODE_EMITTER_OPERATIONS = """
      const { Emitter } = require("@socket.io/redis-emitter");
      const { createClient } = require("redis");
      (async () => {
        const client = createClient({ url: process.argv[2] });
        await client.connect();
        const e = new Emitter(client);
        e.emit("hello", 1, "two", Buffer.from([3]), { nested: Buffer.from([4, 5]), n: null, f: 1.5, big: 4294967296 });
        e.to("r1").volatile.emit("x", true);
        e.to(["r1", "r2"]).except("r3").compress(false).emit("y", [1, -1, -200]);
        e.of("admin").in("r1").emit("z");
        e.in("r1").except("r2").socketsJoin(["r3", "r4"]);
        e.of("/a").socketsLeave("r5");
        e.in("r1").disconnectSockets(true);
        e.serverSideEmit("ping", 1, "a");
        await client.publish("done", "done");
        console.log("done");
        await client.quit();
      })();
      """;

  private static void javaEmitterOperations(RedisEmitter e) {
    Map<String, Object> last = new LinkedHashMap<>();
    last.put("nested", new byte[] {4, 5});
    last.put("n", null);
    last.put("f", 1.5);
    last.put("big", 4294967296L);
    e.emit("hello", 1, "two", new byte[] {3}, last);
    e.to("r1").volatileFlag().emit("x", true);
    e.to(List.of("r1", "r2")).except("r3").compress(false).emit("y", List.of(1, -1, -200));
    e.of("admin").in("r1").emit("z");
    e.in("r1").except("r2").socketsJoin("r3", "r4");
    e.of("/a").socketsLeave("r5");
    e.in("r1").disconnectSockets(true);
    e.serverSideEmit("ping", 1, "a").join();
  }

  /** Every message published until {@code done}, as {@code <channel> <hex>}. */
  private static List<String> published(String redisUri, Runnable operations) throws Exception {
    RedisClient client = RedisClient.create(redisUri);
    try {
      var sub = client.connectPubSub(RedisCodec.of(StringCodec.UTF8,
          ByteArrayCodec.INSTANCE));
      BlockingQueue<String> messages = new LinkedBlockingQueue<>();
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String pattern, String channel, byte[] message) {
          messages.add(channel + " " + HexFormat.of().formatHex(message));
        }
      });
      sub.sync().psubscribe("*");
      operations.run();
      List<String> all = new ArrayList<>();
      while (true) {
        String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
          throw new AssertionError("no 'done' after " + all);
        }
        if (message.startsWith("done ")) {
          return all;
        }
        all.add(message);
      }
    } finally {
      client.shutdown();
    }
  }

  @Test
  void javaEmitterPublishesTheSameBytesAsTheOfficialOne() throws Exception {
    List<String> fromNode = published(redis.uri(), () -> {
      try (NodePeer node = NodePeer.startScript(NODE_EMITTER_OPERATIONS, redis.uri())) {
        node.awaitLine("done", TIMEOUT);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    List<String> fromJava = published(redis.uri(), () -> {
      try (RedisEmitter emitter = RedisEmitter.create(redis.uri());
          RedisClient client = RedisClient.create(redis.uri())) {
        javaEmitterOperations(emitter);
        try (var connection = client.connect()) {
          connection.sync().publish("done", "done");
        }
      }
    });
    assertEquals(8, fromNode.size(), fromNode.toString());
    assertEquals(fromNode, fromJava);
  }

  @FunctionalInterface
  private interface Op {
    void run(String line) throws IOException;
  }
}
