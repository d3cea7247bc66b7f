package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineCloseReason;
import org.junit.jupiter.api.Test;

/**
 * Malformed input closes only the offending session: after each case a healthy WebSocket client and a healthy polling
 * client, opened before, still echo.
 */
public abstract class BadInputContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  private interface Case {
    void run(BindingServer server) throws Exception;
  }

  private static void withHealthyClients(BindingStarter starter, Case badCase) throws Exception {
    try (BindingServer server = BindingServer.start(starter, b -> b.maxPayload(1000))) {
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

  @Test
  void unknownPacketTypeOverPolling() throws Exception {
    withHealthyClients(starter(), server -> {
      String sid = Http.handshake(server);
      assertEquals(400, Http.post(server.pollingUrl(sid), "4ok\u001e9nope").statusCode());
      assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    });
  }

  @Test
  void unknownPacketTypeOverWebSocket() throws Exception {
    withHealthyClients(starter(), server -> {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("9nope");
      assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
      ws.awaitClose();
    });
  }

  @Test
  void oversizedWebSocketMessage() throws Exception {
    withHealthyClients(starter(), server -> {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      ws.send("4" + "x".repeat(2000));
      assertEquals(1009, ws.awaitClose());
    });
  }

  @Test
  void oversizedPost() throws Exception {
    withHealthyClients(starter(), server -> {
      String sid = Http.handshake(server);
      assertEquals(413, Http.post(server.pollingUrl(sid), "4" + "x".repeat(2000)).statusCode());
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
    });
  }
}
