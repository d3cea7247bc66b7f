package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.binding.WsClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Direct WebSocket sessions (engine.io-protocol test-suite "message / WebSocket", "close / WebSocket"). */
class WebSocketTest {

  @Test
  void sharedPacketsReachEveryRecipient() throws Exception {
    try (TestServer server = TestServer.start()) {
      WsClient a = WsClient.connect(server.ws(""));
      WsClient b = WsClient.connect(server.ws(""));
      EngineSocket sa = server.engine.session(a.handshake());
      EngineSocket sb = server.engine.session(b.handshake());
      EngineIoPacket shared = EngineIoPacket.message("broadcast");
      List<EngineIoPacket> batch = List.of(shared, EngineIoPacket.message(new byte[] {7}));
      assertTrue(sa.send(batch, true));
      assertTrue(sb.send(batch, true));
      assertEquals("4broadcast", a.next());
      assertEquals("binary:07", a.next());
      assertEquals("4broadcast", b.next());
      assertEquals("binary:07", b.next());
    }
  }

  @Test
  void sendBufferIsReleasedOnceFramesAreWritten() throws Exception {
    try (TestServer server = TestServer.start(b -> b.sendBufferSize(2))) {
      WsClient ws = WsClient.connect(server.ws(""));
      EngineSocket socket = server.engine.session(ws.handshake());
      for (int round = 0; round < 5; round++) {
        // a full buffer refuses; it empties as Netty reports the frames written, so the retry is accepted soon
        List<EngineIoPacket> pair = List.of(EngineIoPacket.message("a" + round), EngineIoPacket.message("b" + round));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!socket.send(pair, true)) {
          assertTrue(System.nanoTime() < deadline, "the send buffer was never released");
          Thread.sleep(1);
        }
        assertFalse(socket.send(List.of(EngineIoPacket.message("a"), EngineIoPacket.message("b"),
            EngineIoPacket.message("c")), true), "three packets never fit a buffer of two");
        assertEquals("4a" + round, ws.next());
        assertEquals("4b" + round, ws.next());
      }
    }
  }

  @Test
  void closePacketEndsTheSession() throws Exception {
    try (TestServer server = TestServer.start()) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("1");
      ws.awaitClose();
      assertEquals(EngineCloseReason.TRANSPORT_CLOSE, server.events.awaitClose(sid));
    }
  }

  @Test
  void clientDisconnectIsTransportClose() throws Exception {
    try (TestServer server = TestServer.start()) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.socket.sendClose(1000, "bye").join();
      assertEquals(EngineCloseReason.TRANSPORT_CLOSE, server.events.awaitClose(sid));
    }
  }

  @Test
  void oversizedMessageClosesWith1009() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxPayload(1000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("4" + "x".repeat(999));
      assertEquals(1000, ws.next().length());
      ws.send("4" + "x".repeat(1000));
      assertEquals(1009, ws.awaitClose());
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
    }
  }

  @Test
  void serverCloseClosesTheWebSocket() throws Exception {
    try (TestServer server = TestServer.start()) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      EngineSocket socket = server.engine.session(sid);
      socket.send(EngineIoPacket.message("last"));
      socket.close();
      assertEquals("4last", ws.next());
      ws.awaitClose();
      assertEquals(EngineCloseReason.FORCED_CLOSE, server.events.awaitClose(sid));
      assertFalse(socket.isOpen());
      assertFalse(socket.send(EngineIoPacket.message("too late")));
    }
  }

  @Test
  void perMessageDeflateIsNegotiatedWhenEnabled() throws Exception {
    try (TestServer server = TestServer.start(b -> b.perMessageDeflate(true).perMessageDeflateThreshold(0))) {
      // java.net.http does not offer extensions; the raw handshake shows the server's answer
      try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
        raw.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n").getBytes());
        String head = readHead(raw.getInputStream());
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.toLowerCase().contains("sec-websocket-extensions: permessage-deflate"), head);
      }
    }
  }

  static String readHead(java.io.InputStream in) throws java.io.IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }
}
