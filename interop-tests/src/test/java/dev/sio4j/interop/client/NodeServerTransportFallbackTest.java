package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocket first, against a Node server that allows long-polling only: with {@code tryAllTransports} the client falls
 * back to polling; without it, the connection fails as with the JS client.
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
      try (SocketIoClient client = new SocketIoClient()) {
        Socket socket = client.socket(server.url(), ClientOptions.builder().reconnection(false)
            .transports(TransportType.WEBSOCKET, TransportType.POLLING).build());
        Inbox<Throwable> errors = new Inbox<>();
        socket.onConnectError(errors::add);
        errors.await();
        assertFalse(socket.connected());
      }
    }
  }
}
