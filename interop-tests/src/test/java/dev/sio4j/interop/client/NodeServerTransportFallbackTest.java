package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Manager;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Transport choice against Node: WebSocket first against a server that allows long-polling only (with
 * {@code tryAllTransports} the client falls back to polling; without it, the connection fails as with the JS client),
 * and {@code rememberUpgrade} (after a successful upgrade, reconnections open over WebSocket directly).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NodeServerTransportFallbackTest {
  @Test
  void webSocketFirstFallsBackToPollingOnlyWhenAsked() throws Exception {
    try (NodeTestServer server = NodeTestServer.start(TestServer.Spec.defaults(), ",\"transports\":[\"polling\"]")) {
      try (SocketIoClient client = new SocketIoClient()) {
        Socket socket = client.socket(server.url(), ClientOptions.builder()
            .transports(TransportType.WEBSOCKET, TransportType.POLLING).tryAllTransports(true).build());
        ClientScenarios.awaitConnected(socket);
        assertEquals("polling", ClientScenarios.whoami(socket).get("transport").asText());
      }
      // the listener is in place before the socket connects: the refusal can come back at once
      try (Manager manager = new Manager(java.net.URI.create(server.url()), ClientOptions.builder().reconnection(false)
          .transports(TransportType.WEBSOCKET, TransportType.POLLING).build())) {
        Socket socket = manager.socket("/");
        Inbox<Throwable> errors = new Inbox<>();
        socket.onConnectError(errors::add);
        socket.connect();
        errors.await();
        assertFalse(socket.connected());
      }
    }
  }

  @Test
  void rememberUpgradeReconnectsOverWebSocketDirectly() throws Exception {
    try (NodeTestServer server = NodeTestServer.start(TestServer.Spec.defaults());
        SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), ClientOptions.builder().rememberUpgrade(true)
          .reconnectionDelay(java.time.Duration.ofMillis(50)).reconnectionDelayMax(java.time.Duration.ofMillis(100))
          .build());
      // The transport as the Engine.IO session opens (an upgrade needs network round trips more).
      Inbox<String> transportAtOpen = new Inbox<>();
      socket.io().onOpen(() -> transportAtOpen.add(String.valueOf(socket.io().transport())));
      assertEquals("polling", transportAtOpen.await(), "the first connection starts with polling");
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      while (!"websocket".equals(socket.io().transport()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals("websocket", socket.io().transport());
      server.drop();
      assertEquals("websocket", transportAtOpen.await(), "the reconnection opens over WebSocket at once");
      ClientScenarios.awaitConnected(socket);
    }
  }
}
