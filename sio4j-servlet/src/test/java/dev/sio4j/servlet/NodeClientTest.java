package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official npm {@code socket.io-client} (run by Node, {@code src/test/node/client.js}) connects over long-polling,
 * WebSocket, and polling upgraded to WebSocket; sends an event with binary and gets its acknowledgement; and receives
 * an event with binary from the server; and, with per-message deflate, sends long messages that come back whole.
 */
class NodeClientTest {
  private static final Path SCRIPT = Path.of("src/test/node/client.js");
  private static final Path BIG = Path.of("src/test/node/big.js");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"TOMCAT, polling", "TOMCAT, websocket", "TOMCAT, upgrade",
      "JETTY, polling", "JETTY, websocket", "JETTY, upgrade"})
  void eventAckAndBinary(Container container, String mode) throws Exception {
    SocketIoServer io = SocketIoServer.create();
    io.onConnection(socket -> {
      socket.on("hello", event -> {
        byte[] bytes = event.bytes(1);
        event.ack("got " + event.arg(0).path("n").asInt() + " bytes " + bytes.length);
      });
      socket.on("ping-me", event -> socket.emit("echo", event.arg(0, String.class), new byte[] {9, 8}));
    });
    try (SocketIoTestServer server = SocketIoTestServer.start(container, io);
        NodePeer client = NodePeer.start(SCRIPT, server.url(), mode)) {
      String connected = client.awaitLine(l -> l.startsWith("connected"), TIMEOUT);
      if (!mode.equals("upgrade")) {
        assertEquals("connected " + mode, connected);
      } else {
        assertEquals("upgraded websocket", client.awaitLine(l -> l.startsWith("upgraded"), TIMEOUT));
      }
      assertEquals("ack \"got 1 bytes 3\"", client.awaitLine(l -> l.startsWith("ack"), TIMEOUT));
      assertEquals("echo \"x\" bin:0908", client.awaitLine(l -> l.startsWith("echo"), TIMEOUT));
      client.awaitLine("done", TIMEOUT);
    }
  }

  /**
   * Text and binary arguments of up to 300,000 characters and bytes, compressed by the client and by the container,
   * each acknowledged with what arrived: longer than the container's buffers, so they are inflated and handed on in
   * parts, and put together by the binding.
   */
  @ParameterizedTest
  @EnumSource(Container.class)
  void compressedLongMessagesArriveWhole(Container container) throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .engine(EngineOptions.builder().perMessageDeflate(true).build()).build());
    io.onConnection(socket -> socket.on("big", event -> event.ack(event.args())));
    try (SocketIoTestServer server = SocketIoTestServer.start(container, io);
        NodePeer client = NodePeer.start(BIG, server.url())) {
      assertEquals("negotiated permessage-deflate",
          client.awaitLine(l -> l.startsWith("negotiated"), TIMEOUT).split(";")[0]);
      for (int length : new int[] {1000, 2047, 2049, 8193, 70001, 300000}) {
        assertEquals("round " + length + " ok", client.awaitLine(l -> l.startsWith("round"), TIMEOUT));
      }
      client.awaitLine("done", TIMEOUT);
    }
  }
}
