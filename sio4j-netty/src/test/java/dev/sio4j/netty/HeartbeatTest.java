package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import org.junit.jupiter.api.Test;

/** The server-driven heartbeat (engine.io-protocol test-suite "heartbeat"), with the suite's 300/200 ms. */
class HeartbeatTest {

  // the ping/pong cases give the answer a generous pingTimeout so that a loaded machine cannot fail them
  @Test
  void pollingPingPong() throws Exception {
    try (TestServer server = TestServer.start(b -> b.pingIntervalMillis(300).pingTimeoutMillis(2_000))) {
      String sid = Http.handshake(server);
      for (int i = 0; i < 3; i++) {
        assertEquals("2", Http.get(server.pollingUrl(sid)).body());
        assertEquals(200, Http.post(server.pollingUrl(sid), "3").statusCode());
      }
    }
  }

  @Test
  void pollingPingTimeout() throws Exception {
    try (TestServer server = TestServer.start(b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      String sid = Http.handshake(server);
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    }
  }

  @Test
  void webSocketPingPong() throws Exception {
    try (TestServer server = TestServer.start(b -> b.pingIntervalMillis(300).pingTimeoutMillis(2_000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      for (int i = 0; i < 3; i++) {
        assertEquals("2", ws.next());
        ws.send("3");
      }
    }
  }

  @Test
  void webSocketPingTimeout() throws Exception {
    try (TestServer server = TestServer.start(b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      assertEquals("2", ws.next());
      ws.awaitClose();
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
    }
  }

  @Test
  void pingFromTheClientIsAnError() throws Exception {
    try (TestServer server = TestServer.start()) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("2");
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
    }
  }
}
