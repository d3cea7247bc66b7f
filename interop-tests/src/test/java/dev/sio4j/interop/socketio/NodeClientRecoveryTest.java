package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Connection state recovery with the official npm {@code socket.io-client}: the connection is lost (closed by the
 * client or by the server), the server emits meanwhile to the socket's room, to everyone, to the socket itself, to
 * others; the client comes back with the same id, {@code socket.recovered === true}, its rooms and data, and gets the
 * events it missed exactly once and in order. A deliberate disconnect is not recovered.
 */
class NodeClientRecoveryTest {
  private static final java.nio.file.Path SCRIPT = Paths.get("src/test/node/socketio/recovery.js");
  private SocketIoServer io;
  private ServerBinding binding;
  private final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> reasons = new LinkedBlockingQueue<>();
  private final AtomicInteger middlewareRuns = new AtomicInteger();

  @BeforeEach
  void start() {
    io = SocketIoServer.create(ServerOptions.builder()
        .connectionStateRecovery(ConnectionStateRecovery.defaults()).build());
    io.sockets().use((socket, next) -> {
      middlewareRuns.incrementAndGet();
      next.proceed();
    });
    io.onConnection(socket -> {
      if (!socket.recovered()) {
        socket.data().put("name", "alice");
      }
      socket.on("join", e -> {
        socket.join(e.arg(0, String.class));
        e.ack("joined");
      });
      socket.on("whoami", e -> e.ack(new TreeMap<>(Map.of("recovered", socket.recovered(),
          "name", socket.data().get("name"), "rooms", new TreeSet<>(socket.rooms()).toString()))));
      socket.onDisconnect((s, reason) -> reasons.add(reason.reason()));
      sockets.add(socket);
    });
    binding = io.listen(0);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  private NodePeer client(String transport) throws Exception {
    return NodePeer.start(SCRIPT, NodeClients.url(binding), transport);
  }

  /** Reads the script's lines up to the one {@code last} matches (returned last), keeping those {@code keep} matches. */
  private static List<String> linesUntil(NodePeer peer, Predicate<String> keep, Predicate<String> last)
      throws InterruptedException {
    List<String> kept = new ArrayList<>();
    while (true) {
      String line = peer.awaitLine(l -> keep.test(l) || last.test(l), NodeClients.TIMEOUT);
      if (last.test(line)) {
        return kept;
      }
      kept.add(line);
    }
  }

  @ParameterizedTest(name = "{0}, closed by the {1}")
  @CsvSource({"polling,client", "websocket,client", "polling,server", "websocket,server"})
  void recoversAfterALostConnection(String transport, String side) throws Exception {
    try (NodePeer client = client(transport)) {
      String connect = client.awaitLine(l -> l.startsWith("connect false "), NodeClients.TIMEOUT);
      String id = connect.substring("connect false ".length());
      client.awaitLine("joined", NodeClients.TIMEOUT);
      client.awaitLine(l -> l.startsWith("whoami"), NodeClients.TIMEOUT);
      Socket socket = sockets.poll(5, TimeUnit.SECONDS);
      io.to("room1").emit("news", 1);
      client.awaitLine("news [1] offset", NodeClients.TIMEOUT);

      if (side.equals("client")) {
        client.sendLine("drop");
        assertEquals("transport close", reasons.poll(10, TimeUnit.SECONDS));
        client.awaitLine("disconnect forced close", NodeClients.TIMEOUT);
      } else {
        socket.conn().close();
        assertEquals("forced close", reasons.poll(10, TimeUnit.SECONDS));
        client.awaitLine("disconnect transport close", NodeClients.TIMEOUT);
      }
      // while the client is away
      io.to("room1").emit("news", 2);
      // to the disconnected socket itself: kept for its recovery, as the reference
      socket.emit("news", 3);
      io.emit("news", 4, new byte[] {(byte) 0xca, (byte) 0xfe});
      io.except("room1").emit("news", "not for me");
      io.to("room2").emit("news", "not for me either");
      io.asVolatile().emit("news", "volatile: not kept");

      client.sendLine("reconnect");
      // the missed events come right after the CONNECT answer, so before the answer to whoami
      List<String> seen = linesUntil(client, l -> l.startsWith("news") || l.startsWith("connect"),
          l -> l.startsWith("whoami"));
      assertEquals(List.of("connect true " + id, "news [2] offset", "news [3] offset", "news [4,\"bin:cafe\"] offset"),
          seen);
      io.to("room1").emit("news", 5);
      assertEquals(List.of(), linesUntil(client, l -> l.startsWith("news"), "news [5] offset"::equals));
      Socket recovered = sockets.poll(5, TimeUnit.SECONDS);
      assertTrue(recovered.recovered());
      assertEquals(id, recovered.id());
      assertEquals(java.util.Set.of(id, "room1"), recovered.rooms());
      assertEquals("alice", recovered.data().get("name"));
      assertEquals(1, middlewareRuns.get(), "the recovered socket skipped the middlewares");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"websocket"})
  void aDeliberateDisconnectIsNotRecovered(String transport) throws Exception {
    try (NodePeer client = client(transport)) {
      String id = client.awaitLine(l -> l.startsWith("connect false "), NodeClients.TIMEOUT).substring(14);
      client.awaitLine(l -> l.startsWith("whoami"), NodeClients.TIMEOUT);
      io.emit("news", 1);
      client.awaitLine("news [1] offset", NodeClients.TIMEOUT);
      client.sendLine("leave");
      assertEquals("client namespace disconnect", reasons.poll(10, TimeUnit.SECONDS));
      io.emit("news", 2);
      client.sendLine("reconnect");
      String again = client.awaitLine(l -> l.startsWith("connect "), NodeClients.TIMEOUT);
      assertTrue(again.startsWith("connect false "), again);
      assertNotEquals(id, again.substring(14));
      io.emit("news", 3);
      assertEquals(List.of(), linesUntil(client, l -> l.startsWith("news"), "news [3] offset"::equals),
          "nothing replayed");
    }
  }
}
