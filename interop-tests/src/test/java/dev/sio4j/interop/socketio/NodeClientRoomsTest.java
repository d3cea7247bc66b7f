package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three official npm clients: rooms, {@code except}, broadcasts from a socket, volatile, socket operations, broadcast
 * acknowledgements with a timeout.
 */
class NodeClientRoomsTest {
  private SocketIoServer io;
  private ServerBinding binding;
  private final Map<String, Socket> byName = new ConcurrentHashMap<>();
  private final BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
  private final java.util.concurrent.CountDownLatch registered = new java.util.concurrent.CountDownLatch(3);

  @BeforeEach
  void start() {
    io = SocketIoServer.create();
    io.onConnection(socket -> {
      socket.onDisconnect((s, reason) -> reasons.add(reason));
      byName.put(socket.handshake().auth().path("name").asText(), socket);
      registered.countDown();
    });
    binding = NodeClients.listen(io);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  /** Every line printed until each client printed {@code <name> end []}. */
  private static Set<String> linesUntilEnd(NodePeer peer) throws InterruptedException {
    Set<String> lines = new HashSet<>();
    int ends = 0;
    while (ends < 3) {
      String line = peer.awaitLine(l -> true, NodeClients.TIMEOUT);
      if (line.endsWith(" end []")) {
        ends++;
      } else {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void roomsExceptBroadcastVolatileAndBroadcastAcks() throws Exception {
    try (NodePeer clients = NodeClients.run("rooms", binding, "websocket")) {
      clients.awaitLine("all connected", NodeClients.TIMEOUT);
      // the connection listeners run once CONNECT was answered: wait for them too
      assertTrue(registered.await(5, TimeUnit.SECONDS));
      Socket a = byName.get("a");
      Socket b = byName.get("b");
      Socket c = byName.get("c");
      a.join("red", "blue");
      b.join("red");
      c.join("blue");

      io.to("red").emit("to-red", 1);
      io.to("red").except("blue").emit("red-not-blue");
      a.broadcast().emit("from-a");
      a.to("blue").emit("a-to-blue");
      io.asVolatile().emit("volatile", new byte[] {1});
      io.in("blue").except(c.id()).emit("blue-but-c");
      io.emit("end");
      assertEquals(Set.of(
          "a to-red [1]", "b to-red [1]",
          "b red-not-blue []",
          "b from-a []", "c from-a []",
          "c a-to-blue []",
          "a volatile [\"bin:01\"]", "b volatile [\"bin:01\"]", "c volatile [\"bin:01\"]",
          "a blue-but-c []"), linesUntilEnd(clients));

      List<RemoteSocket> red = io.in("red").fetchSockets().get(5, TimeUnit.SECONDS);
      assertEquals(Set.of(a.id(), b.id()), red.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
      io.in("blue").socketsJoin("green");
      io.in("red").socketsLeave("red");
      io.to("green").emit("green");
      io.to("red").emit("red-again");
      io.emit("end");
      assertEquals(Set.of("a green []", "c green []"), linesUntilEnd(clients));

      // broadcast acknowledgements: every answer, or a timeout carrying the answers that came
      List<Arguments> answers = io.timeout(5000).emitWithAck("poll").get(10, TimeUnit.SECONDS);
      assertEquals(Set.of("a", "b", "c"), answers.stream().map(x -> x.get(0, String.class)).collect(Collectors.toSet()));
      ExecutionException timedOut = assertThrows(ExecutionException.class,
          () -> io.timeout(300).emitWithAck("poll-some").get(10, TimeUnit.SECONDS));
      AckTimeoutException timeout = (AckTimeoutException) timedOut.getCause();
      assertEquals(1, timeout.responses().size());
      assertEquals("only a", timeout.responses().get(0).get(0, String.class));
    }
    // the Node process is gone: its transports closed
    for (int i = 0; i < 3; i++) {
      assertEquals(DisconnectReason.TRANSPORT_CLOSE, reasons.poll(10, TimeUnit.SECONDS));
    }
  }
}
