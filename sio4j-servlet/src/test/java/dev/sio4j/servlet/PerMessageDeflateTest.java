package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-message deflate (RFC 7692) is negotiated by the container when the engine's option is on, refused when off. */
class PerMessageDeflateTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void negotiatedWhenOn(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.perMessageDeflate(true))) {
      String head = handshake(server);
      assertTrue(head.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions: permessage-deflate"), head);
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void refusedWhenOff(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.perMessageDeflate(false))) {
      String head = handshake(server);
      assertTrue(head.startsWith("HTTP/1.1 101"), head);
      assertFalse(head.toLowerCase(Locale.ROOT).contains("permessage-deflate"), head);
    }
  }

  /** Offers permessage-deflate and returns the 101's head. */
  private static String handshake(TestServer server) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      return head.toString();
    }
  }
}
