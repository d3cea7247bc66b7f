package dev.sio4j.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.testing.NodePeer;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chat's Socket.IO events driven by the official Node client: nickname middleware, joins, acknowledged messages
 * with de-duplication by id, limits, binary images, the token-guarded admin namespace and presence on leave.
 */
class ChatProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void theChatEventsBehaveAsThePageExpects() throws Exception {
    try (ChatServer server = ChatServer.start(ChatOptions.builder().port(0).adminToken("t0ken").build());
        NodePeer node = NodePeer.start(Paths.get("src/test/node/chat/protocol.js"),
            "http://127.0.0.1:" + server.port(), "t0ken")) {
      assertEquals("refused-without-name Please pick a nickname of 1 to 24 characters", next(node));
      assertEquals("ada-joined general ada", next(node));
      assertEquals("bob-joined general ada,bob", next(node));
      assertEquals("same-ack true", next(node));
      // Sent twice with one id (as the client's retries do after a lost ack), broadcast once; text trimmed.
      assertEquals("bob-saw m1:ada:hello|m2:ada:barrier", next(node));
      assertEquals("not-member Join #random first", next(node));
      assertEquals("bad-room Room names are 1 to 32 letters, digits, '-' or '_'", next(node));
      assertEquals("big-image Images are limited to 900 kB", next(node));
      assertEquals("image-ack true", next(node));
      assertEquals("bob-image ada:image/png:137,80,78,71", next(node));
      assertEquals("admin-refused unauthorized", next(node));
      assertEquals("admin-stats 2 3 2/2", next(node));
      assertEquals("presence-after-leave bob", next(node));
      assertEquals("done", next(node));
    }
  }

  private static String next(NodePeer node) throws InterruptedException {
    return node.awaitLine(line -> true, WAIT);
  }
}
