package dev.sio4j.interop.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisEmitter;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import java.io.IOException;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Emitters over a real redis-server, both ways: sio4j's {@link RedisEmitter} and the official
 * {@code @socket.io/redis-emitter} 5.1 (run by Node) each reach the official socket.io-client clients of two sio4j
 * servers (Redis adapter) and of a Node server (socket.io 4.8 with {@code @socket.io/redis-adapter} 8.3), in two
 * namespaces: broadcasts to all, to rooms, with except, with binary; socketsJoin / socketsLeave;
 * disconnectSockets; serverSideEmit. The Java emitter runs without any Socket.IO server of its own.
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

  /** Every line until each of the {@code clients} printed {@code <name> end []}, sorted, duplicates kept. */
  private static List<String> linesUntilEnd(NodePeer peer, int clients) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    int ends = 0;
    while (ends < clients) {
      String line = peer.awaitLine(l -> true, TIMEOUT);
      if (line.endsWith(" end []")) {
        ends++;
      } else {
        lines.add(line);
      }
    }
    lines.sort(null);
    return lines;
  }

  private static List<String> sorted(String... lines) {
    return List.of(lines).stream().sorted().collect(Collectors.toList());
  }

  private static Set<String> names(List<RemoteSocket> sockets) {
    return sockets.stream().map(s -> String.valueOf(s.data().get("name"))).collect(Collectors.toSet());
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
          "ax e-nsp []", "nx e-nsp []"), linesUntilEnd(node, 7));

      // socketsJoin / socketsLeave on every server: the broadcasts after each are ordered behind it
      op.run("e-join blue green");
      op.run("e-room green");
      op.run("e-leave blue green");
      op.run("e-room green");
      op.run("e-end");
      assertEquals(sorted("a2 e-room [\"green\"]", "n2 e-room [\"green\"]"), linesUntilEnd(node, 7));
      op.run("e-join red orange");
      op.run("e-end");
      linesUntilEnd(node, 7);
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

  @FunctionalInterface
  private interface Op {
    void run(String line) throws IOException;
  }
}
