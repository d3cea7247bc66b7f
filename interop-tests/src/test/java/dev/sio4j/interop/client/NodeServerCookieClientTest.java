package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectionOptions;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cookies against the Node reference server with its {@code io} cookie on: the cookie set on the handshake comes back
 * on every long-polling request and on the WebSocket upgrade of the session, and on none when the client's cookies
 * are off.
 */
class NodeServerCookieClientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private RecordingServer server;

  @BeforeEach
  void start() throws Exception {
    server = RecordingServer.start("{\"cookie\":true}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theEngineCookieComesBackOnEveryRequestAndTheUpgrade() throws Exception {
    List<JsonNode> requests = session(ClientOptions.defaults());
    assertTrue(requests.get(0).get("cookie").isNull(), "the handshake carries no cookie yet");
    String sid = requests.get(1).get("sid").asText();
    for (JsonNode r : requests.subList(1, requests.size())) {
      assertEquals(sid, r.get("sid").asText(), r.toString());
      assertTrue(r.get("cookie").asText().contains("io=" + sid), "request without the session's cookie: " + r);
    }
  }

  @Test
  void noCookieIsSentWhenCookiesAreOff() throws Exception {
    for (JsonNode r : session(ClientOptions.builder()
        .connection(ConnectionOptions.builder().cookies(false).build()).build())) {
      assertTrue(r.get("cookie").isNull(), "a cookie was sent: " + r);
    }
  }

  /**
   * Connects, upgrades to WebSocket, acknowledges once, and returns the requests the server saw until it has seen both
   * a long-polling request of the session and the upgrade: the client probes WebSocket while its first poll is in
   * flight, so the two may reach the server in either order.
   */
  private List<JsonNode> session(ClientOptions options) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), options);
      boolean[] seen = new boolean[2];
      List<JsonNode> requests = server.requestsUntil(r -> {
        boolean upgrade = r.get("transport").asText().equals("websocket");
        seen[upgrade ? 1 : 0] |= upgrade || !r.get("sid").isNull();
        return seen[0] && seen[1];
      }, WAIT);
      assertEquals("over", socket.emitWithAck("ack", "over").get(10, TimeUnit.SECONDS).getString(0));
      assertTrue(requests.size() >= 3, "a handshake, a poll and the upgrade at least: " + requests.size());
      return requests;
    }
  }
}
