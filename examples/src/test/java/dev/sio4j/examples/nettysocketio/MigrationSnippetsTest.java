package dev.sio4j.examples.nettysocketio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.net.InetSocketAddress;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The guide's snippets do what the guide says, with the official Node client: the options refuse long-polling and a
 * handshake without the key, the event listener acknowledges and broadcasts, the multi-argument listener broadcasts
 * to the others and sends no acknowledgement (sio4j has no automatic one), and the namespace middleware refuses a
 * connection without a token with the message and data the client's {@code connect_error} sees.
 */
class MigrationSnippetsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void theSnippetsBehaveAsTheGuideSays() throws Exception {
    try (SocketIoServer io = MigrationSnippets.configured()) {
      MigrationSnippets.listeners(io);
      MigrationSnippets.namespace(io);
      int port = io.listen(new InetSocketAddress("127.0.0.1", 0)).address().getPort();
      try (NodePeer node = NodePeer.start(Paths.get("src/test/node/nettysocketio/snippets.js"),
          "http://127.0.0.1:" + port)) {
        assertEquals("polling refused", next(node));
        assertEquals("without-key refused", next(node));
        assertEquals("chatevent ack stored, bob got ada: hi", next(node));
        assertEquals("move not acknowledged", next(node));
        assertEquals("bob got moved true 3 4", next(node));
        assertEquals("chat-without-token unauthorized no token", next(node));
        assertEquals("chat-with-token connected", next(node));
        assertEquals("done", next(node));
      }
    }
  }

  private static String next(NodePeer node) throws InterruptedException {
    return node.awaitLine(line -> true, WAIT);
  }
}
