package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handler that sleeps 2 s stalls only its own socket: with a 300 ms ping interval and a 200 ms ping timeout the
 * sleeping socket is not disconnected, another socket's events are answered meanwhile, and the sleeping socket's next
 * event runs after the sleep (in order).
 */
class BlockingHandlerTest {
  private SocketIoServer io;
  private ServerBinding binding;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(ServerOptions.builder()
        .engine(EngineOptions.builder().pingIntervalMillis(300).pingTimeoutMillis(200).build())
        .build());
    io.onConnection(socket -> {
      socket.on("block", event -> {
        Thread.sleep(event.arg(0, Long.class));
        event.ack();
      });
      socket.on("after-block", event -> event.ack());
      socket.on("quick", event -> event.ack(event.arg(0)));
    });
    binding = NodeClients.listen(io);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  @Test
  void aSleepingHandlerStallsOnlyItsOwnSocket() throws Exception {
    List<String> lines = new ArrayList<>();
    try (NodePeer clients = NodeClients.run("blocking", binding, "websocket")) {
      String line;
      do {
        line = clients.awaitLine(l -> true, NodeClients.TIMEOUT);
        lines.add(line);
      } while (!line.equals("slow after-block acked"));
    }
    int slowAcked = lines.indexOf("slow acked");
    assertTrue(slowAcked >= 0, lines.toString());
    for (int i = 0; i < 5; i++) {
      int fast = lines.indexOf("fast acked " + i);
      assertTrue(fast >= 0 && fast < slowAcked, "fast events waited for the sleeping socket: " + lines);
    }
    assertTrue(lines.indexOf("slow after-block acked") > slowAcked, lines.toString());
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("slow disconnect")), lines.toString());
  }
}
