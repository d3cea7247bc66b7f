package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.testing.binding.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat's rule that only the server pings. The ping/pong and timeout cases (engine.io-protocol test-suite
 * "heartbeat", 300/200 ms) run in every binding from HeartbeatContract.
 */
class HeartbeatTest {

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
