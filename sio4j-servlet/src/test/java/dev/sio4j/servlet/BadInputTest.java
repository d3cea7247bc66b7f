package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineCloseReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Malformed input closes only the offending session: after each case a healthy WebSocket client and a healthy polling
 * client, opened before, still echo.
 */
class BadInputTest {

  private interface Case {
    void run(TestServer server) throws Exception;
  }

  private static void withHealthyClients(Container container, Case badCase) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.maxPayload(1000))) {
      WsClient healthyWs = WsClient.connect(server.ws(""));
      healthyWs.handshake();
      String healthyPolling = Http.handshake(server);
      badCase.run(server);
      healthyWs.send("4still here");
      assertEquals("4still here", healthyWs.next());
      assertEquals("ok", Http.post(server.pollingUrl(healthyPolling), "4me too").body());
      assertEquals("4me too", Http.get(server.pollingUrl(healthyPolling)).body());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void unknownPacketTypeOverPolling(Container container) throws Exception {
    withHealthyClients(container, server -> {
      String sid = Http.handshake(server);
      assertEquals(400, Http.post(server.pollingUrl(sid), "4ok\u001e9nope").statusCode());
      assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    });
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void unknownPacketTypeOverWebSocket(Container container) throws Exception {
    withHealthyClients(container, server -> {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("9nope");
      assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
      ws.awaitClose();
    });
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void oversizedWebSocketMessage(Container container) throws Exception {
    withHealthyClients(container, server -> {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      ws.send("4" + "x".repeat(2000));
      assertEquals(1009, ws.awaitClose());
    });
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void oversizedPost(Container container) throws Exception {
    withHealthyClients(container, server -> {
      String sid = Http.handshake(server);
      assertEquals(413, Http.post(server.pollingUrl(sid), "4" + "x".repeat(2000)).statusCode());
    });
  }
}
