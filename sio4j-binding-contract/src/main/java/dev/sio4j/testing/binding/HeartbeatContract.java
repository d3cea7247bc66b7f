package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineCloseReason;
import org.junit.jupiter.api.Test;

/** The engine's heartbeat over both transports, in every binding. */
public abstract class HeartbeatContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  // the ping/pong cases give the answer a generous pingTimeout so that a loaded machine cannot fail them
  @Test
  void pollingPingPong() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.pingIntervalMillis(300).pingTimeoutMillis(2_000))) {
      String sid = Http.handshake(server);
      for (int i = 0; i < 3; i++) {
        assertEquals("2", Http.get(server.pollingUrl(sid)).body());
        assertEquals(200, Http.post(server.pollingUrl(sid), "3").statusCode());
      }
    }
  }

  @Test
  void pollingPingTimeout() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      String sid = Http.handshake(server);
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    }
  }

  @Test
  void webSocketPingPong() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.pingIntervalMillis(300).pingTimeoutMillis(2_000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      for (int i = 0; i < 3; i++) {
        assertEquals("2", ws.next());
        ws.send("3");
      }
    }
  }

  @Test
  void webSocketPingTimeoutClosesTheConnection() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      assertEquals("2", ws.next());
      ws.awaitClose();
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
    }
  }
}
