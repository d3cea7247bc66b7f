package dev.sio4j.examples.springconformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Spring Boot conformance server answers as the socket.io-protocol test-suite expects: its {@code sio4j.*}
 * options reach the handshake, and the official npm client gets {@code auth}, {@code message-back} and the
 * acknowledgement of {@code message-with-ack} with its arguments, binary ones included, on {@code /custom}. The
 * suite itself runs with {@code scripts/socketio-conformance.sh PORT --binding=spring}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=sio4j-conformance")
class SpringConformanceApplicationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final String CLIENT = """
      const { io } = require("socket.io-client");
      const socket = io(process.argv[2] + "/custom", { auth: { token: "abc" }, reconnection: false });
      socket.on("auth", (auth) => console.log("auth " + JSON.stringify(auth)));
      socket.on("message-back", (...args) => console.log("message-back " + JSON.stringify(args)));
      socket.on("connect", () => {
        socket.emit("message", 1, "two", { three: 3 });
        // A callback, not emitWithAck (which resolves with the first argument only): every argument counts.
        socket.emit("message-with-ack", "x", Buffer.from([1, 2, 3]), (...acked) => {
          console.log("ack " + acked.length + " " + acked[0] + " " + Buffer.isBuffer(acked[1]) + " " + [...acked[1]]);
          socket.close();
          console.log("done");
        });
      });
      """;

  @LocalServerPort
  int port;

  @Test
  void theSuitesOptionsAndHandlersAnswerTheOfficialClient() throws Exception {
    HttpResponse<String> handshake = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=polling")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, handshake.statusCode());
    assertTrue(handshake.body().contains("\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000"),
        handshake.body());

    try (NodePeer peer = NodePeer.startScript(CLIENT, "http://127.0.0.1:" + port)) {
      assertEquals("auth {\"token\":\"abc\"}", peer.awaitLine(l -> true, TIMEOUT));
      assertEquals("message-back [1,\"two\",{\"three\":3}]", peer.awaitLine(l -> true, TIMEOUT));
      assertEquals("ack 2 x true 1,2,3", peer.awaitLine(l -> true, TIMEOUT));
      assertEquals("done", peer.awaitLine(l -> true, TIMEOUT));
    }
  }
}
