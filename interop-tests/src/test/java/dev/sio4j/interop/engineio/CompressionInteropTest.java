package dev.sio4j.interop.engineio;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.netty.NettyServer;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Per-message deflate (negotiated by the Node client's {@code ws}) and HTTP compression of long-polling answers, with
 * the official engine.io-client: large messages round-trip intact both ways.
 */
class CompressionInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Path CLIENT = Path.of("src/test/node/engineio/client.js");

  @Test
  void largeMessagesOverBothTransportsWithCompressionOn() throws Exception {
    EngineListener echo = new EngineListener() {
      @Override
      public void onOpen(EngineSocket socket) {}

      @Override
      public void onMessage(EngineSocket socket, EngineIoPacket message) {
        socket.send(message);
      }

      @Override
      public void onClose(EngineSocket socket, EngineCloseReason reason, String description) {}
    };
    EngineOptions options = EngineOptions.builder().perMessageDeflate(true).httpCompression(true).build();
    try (EngineServer engine = new EngineServer(options, echo);
        NettyServer server = NettyServer.builder().engine(engine).host("127.0.0.1").port(0).start()) {
      String url = "http://127.0.0.1:" + server.address().getPort();
      String big = "compressible ".repeat(2000);
      for (String transports : new String[] {"websocket", "polling"}) {
        try (NodePeer peer = NodePeer.start(CLIENT, url, transports)) {
          peer.awaitLine(line -> line.startsWith("open "), WAIT);
          if (transports.equals("websocket")) {
            peer.awaitLine(line -> line.startsWith("extensions permessage-deflate"), WAIT);
          }
          peer.sendLine("send " + big);
          peer.awaitLine("message " + big, WAIT);
        }
      }
    }
  }
}
