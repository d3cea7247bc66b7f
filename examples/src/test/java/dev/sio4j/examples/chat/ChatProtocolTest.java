package dev.sio4j.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chat's Socket.IO events driven by the official Node client: nickname middleware, joins, acknowledged messages
 * with de-duplication by id, limits, binary images, the token-guarded admin namespace and presence on leave; with the
 * default parser, and with the msgpack parser (the client given {@code socket.io-msgpack-parser}, the page loading the
 * browser bundle that has it).
 */
class ChatProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @ValueSource(strings = {"json", "msgpack"})
  void theChatEventsBehaveAsThePageExpects(String parser) throws Exception {
    try (ChatServer server = ChatServer.start(ChatOptions.builder().port(0).adminToken("t0ken")
            .parser(SocketIoParser.named(parser)).build());
        NodePeer node = NodePeer.start(Paths.get("src/test/node/chat/protocol.js"),
            "http://127.0.0.1:" + server.port(), "t0ken", parser)) {
      String page = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      String bundle = parser.equals("msgpack") ? "/socket.io/socket.io.msgpack.min.js" : "/socket.io/socket.io.js";
      assertTrue(page.contains("<script src=\"" + bundle + "\"></script>"), page);
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

  /**
   * Pages that come back at once after a restart (each naming its room in the auth) each end with every member, kept
   * by the page's rule: of the lists of one room, the one with the greatest version.
   */
  @Test
  void pagesThatRejoinAtOnceEachEndWithEveryMember() throws Exception {
    String script = """
        const { io } = require("socket.io-client");
        const [url, count] = [process.argv[2], Number(process.argv[3])];
        const views = [];
        for (let i = 0; i < count; i++) {
          const view = { members: [], version: -1 };
          views.push(view);
          const socket = io(url, { auth: { name: "user" + i, rooms: ["general"] }, transports: ["websocket"],
            reconnection: false, forceNew: true });
          const apply = (data) => {
            if (data.room === "general" && data.version > view.version) {
              view.members = data.members;
              view.version = data.version;
            }
          };
          socket.on("joined", apply);
          socket.on("presence", apply);
        }
        const deadline = Date.now() + 8000;
        const check = () => {
          const short = views.filter((v) => v.members.length !== count);
          if (short.length === 0) {
            console.log("all-see " + count);
            process.exit(0);
          } else if (Date.now() > deadline) {
            console.log("short " + short.map((v) => v.members.length).join(","));
            process.exit(0);
          } else {
            setTimeout(check, 50);
          }
        };
        check();
        """;
    try (ChatServer server = ChatServer.start(ChatOptions.builder().port(0).adminToken("t0ken").build());
        NodePeer node = NodePeer.startScript(script, "http://127.0.0.1:" + server.port(), "40")) {
      assertEquals("all-see 40", node.awaitLine(line -> true, Duration.ofSeconds(15)));
    }
  }

  private static String next(NodePeer node) throws InterruptedException {
    return node.awaitLine(line -> true, WAIT);
  }
}
