package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.testing.binding.WsClient;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Messages split into several WebSocket frames (RFC 6455 section 5.4): the aggregator joins them, although it only
 * enters a connection's pipeline with its first fragment.
 */
class FragmentedMessageTest {

  @Test
  void fragmentedTextAndBinaryArriveWhole() throws Exception {
    try (TestServer server = TestServer.start()) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("4whole");
      assertEquals("4whole", ws.next());
      assertEquals("message " + sid + " whole", server.events.await("message"));
      ws.socket.sendText("4hel", false).join();
      ws.socket.sendText("lo ", false).join();
      ws.socket.sendText("world", true).join();
      assertEquals("4hello world", ws.next());
      assertEquals("message " + sid + " hello world", server.events.await("message"));
      ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).join();
      ws.socket.sendBinary(ByteBuffer.wrap(new byte[] {3}), true).join();
      assertEquals("binary:010203", ws.next());
      // whole messages still pass through once the aggregator is there
      ws.send("4again");
      assertEquals("4again", ws.next());
    }
  }

  @Test
  void fragmentsOverMaxPayloadCloseWith1009() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxPayload(1000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      ws.socket.sendText("4" + "a".repeat(600), false).join();
      ws.socket.sendText("b".repeat(600), true).join();
      assertEquals(1009, ws.awaitClose());
    }
  }
}
