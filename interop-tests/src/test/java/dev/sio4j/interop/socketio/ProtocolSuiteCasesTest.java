package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.examples.conformance.SocketIoConformanceServer;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 32 cases of the official socket.io-protocol test-suite (16 Engine.IO, 16 Socket.IO), replayed with raw HTTP
 * requests and a raw WebSocket (the {@code ws} package under Node) against the conformance example on a free port. The
 * suite itself runs against the example on port 3000 ({@code scripts/socketio-conformance.sh}); this keeps its cases
 * in the project's own build.
 */
class ProtocolSuiteCasesTest {
  private SocketIoServer io;
  private ServerBinding binding;

  @BeforeEach
  void start() {
    io = SocketIoConformanceServer.create();
    binding = io.listen(0);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  @Test
  void everyCasePasses() throws Exception {
    List<String> results = new ArrayList<>();
    try (NodePeer peer = NodePeer.start(Paths.get("src/test/node/socketio/protocol-cases.js"),
        "ws://127.0.0.1:" + binding.address().getPort())) {
      String line;
      while (!(line = peer.awaitLine(l -> true, NodeClients.TIMEOUT.multipliedBy(3))).equals("done")) {
        results.add(line);
      }
    }
    assertEquals(32, results.size(), results.toString());
    List<String> failures = results.stream().filter(l -> !l.startsWith("ok ")).toList();
    assertEquals(List.of(), failures);
  }
}
