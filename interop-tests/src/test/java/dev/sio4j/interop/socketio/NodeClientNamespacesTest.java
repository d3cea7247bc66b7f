package dev.sio4j.interop.socketio;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official npm client on namespaces: a dynamic one, one behind a refusing middleware, an unknown one. */
class NodeClientNamespacesTest {
  private SocketIoServer io;
  private ServerBinding binding;

  @BeforeEach
  void start() {
    io = SocketIoServer.create();
    io.of(Pattern.compile("/dyn-\\d+")).onConnection(socket -> socket.emit("welcome", socket.namespace().name()));
    io.of("/private").use((socket, next) -> {
      if ("secret".equals(socket.handshake().auth().path("token").asText())) {
        next.proceed();
      } else {
        next.fail(new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token")));
      }
    });
    binding = NodeClients.listen(io);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  @Test
  void dynamicRefusedAndUnknownNamespaces() throws Exception {
    try (NodePeer client = NodeClients.run("namespaces", binding)) {
      NodeClients.expectLines(client,
          "welcome /dyn-7",
          "connect_error unauthorized {\"reason\":\"bad token\"}",
          "private connected",
          "unknown Invalid namespace");
    }
  }
}
