package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Disconnections with the official npm client: the server force-closes the transport (the client reconnects), the
 * server disconnects the socket (the client stays away), the client disconnects; the reasons on both sides.
 */
class NodeClientDisconnectTest {
  private SocketIoServer io;
  private ServerBinding binding;
  private final BlockingQueue<String> serverReasons = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    io = SocketIoServer.create();
    io.onConnection(socket -> {
      socket.onDisconnect((s, reason) -> serverReasons.add(reason.reason()));
      socket.on("drop-my-transport", event -> socket.conn().close());
      socket.on("kick-me", event -> socket.disconnect());
    });
    binding = NodeClients.listen(io);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void reasonsAndReconnection(String transport) throws Exception {
    try (NodePeer client = NodeClients.run("disconnect", binding, transport)) {
      client.awaitLine("connect 1", NodeClients.TIMEOUT);
      client.awaitLine("disconnect transport close", NodeClients.TIMEOUT);
      client.awaitLine("connect 2", NodeClients.TIMEOUT);
      client.awaitLine("disconnect io server disconnect", NodeClients.TIMEOUT);
      client.awaitLine("other disconnect io client disconnect", NodeClients.TIMEOUT);
      // before the Node process goes: its last packets may still be on their way
      assertEquals("forced close", serverReasons.poll(5, TimeUnit.SECONDS));
      assertEquals("server namespace disconnect", serverReasons.poll(5, TimeUnit.SECONDS));
      assertEquals("client namespace disconnect", serverReasons.poll(5, TimeUnit.SECONDS));
    }
  }
}
