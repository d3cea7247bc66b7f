package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The upgrade from long-polling to WebSocket (engine.io-protocol test-suite "upgrade"). */
class UpgradeTest {

  @Test
  void packetsQueuedDuringTheUpgradeMoveToTheWebSocket() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      WsClient ws = WsClient.connect(server.ws("&sid=" + sid));
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      EngineSocket socket = server.engine.session(sid);
      socket.send(EngineIoPacket.message("queued"));
      ws.send("5");
      assertEquals("4queued", ws.next());
    }
  }

  @Test
  void httpRequestsAfterTheUpgradeAreRefused() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      WsClient ws = WsClient.connect(server.ws("&sid=" + sid));
      ws.send("2probe");
      ws.send("5");
      assertEquals("3probe", ws.next());
      awaitTransport(server, sid, "websocket");
      HandshakeTest.assertError(Http.get(server.pollingUrl(sid)), 400, 3, "Bad request");
      ws.send("4hello");
      assertEquals("4hello", ws.next());
    }
  }

  @Test
  void secondWebSocketAfterTheUpgradeIsClosed() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      WsClient ws = WsClient.connect(server.ws("&sid=" + sid));
      ws.send("2probe");
      ws.send("5");
      assertEquals("3probe", ws.next());
      awaitTransport(server, sid, "websocket");
      WsClient second = WsClient.connect(server.ws("&sid=" + sid));
      second.awaitClose();
      ws.send("4hello");
      assertEquals("4hello", ws.next());
    }
  }

  @Test
  void upgradeTimeoutClosesTheProbe() throws Exception {
    try (TestServer server = TestServer.start(b -> b.upgradeTimeoutMillis(200))) {
      String sid = Http.handshake(server);
      WsClient ws = WsClient.connect(server.ws("&sid=" + sid));
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      ws.awaitClose();
      // the session goes on over polling
      assertEquals("polling", server.engine.session(sid).transport());
      Http.post(server.pollingUrl(sid), "4still");
      assertEquals("4still", Http.get(server.pollingUrl(sid)).body());
    }
  }

  static void awaitTransport(TestServer server, String sid, String transport) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!transport.equals(server.engine.session(sid).transport())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("transport is not " + transport);
      }
      Thread.sleep(5);
    }
  }
}
