package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineCloseReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's heartbeat over both transports, in each container. */
class HeartbeatTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void pollingPingPong(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.pingIntervalMillis(300).pingTimeoutMillis(2_000))) {
      String sid = Http.handshake(server);
      for (int i = 0; i < 3; i++) {
        assertEquals("2", Http.get(server.pollingUrl(sid)).body());
        assertEquals(200, Http.post(server.pollingUrl(sid), "3").statusCode());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void pollingPingTimeout(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      String sid = Http.handshake(server);
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webSocketPingPong(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.pingIntervalMillis(300).pingTimeoutMillis(2_000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      for (int i = 0; i < 3; i++) {
        assertEquals("2", ws.next());
        ws.send("3");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webSocketPingTimeoutClosesTheConnection(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      assertEquals("2", ws.next());
      ws.awaitClose();
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
    }
  }
}
