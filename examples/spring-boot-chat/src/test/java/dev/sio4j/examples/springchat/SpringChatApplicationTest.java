package dev.sio4j.examples.springchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The Spring Boot chat on one random port: the page, the browser client, a chat message from the official npm client
 * that comes back from the REST endpoint, a refused nickname, and Actuator health.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringChatApplicationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final String CLIENT = """
      const { io } = require("socket.io-client");
      const [url, name] = process.argv.slice(2);
      const socket = io(url, { auth: { name }, reconnection: false, transports: ["websocket"] });
      socket.on("connect_error", (e) => { console.log("connect_error " + e.message); process.exit(0); });
      socket.on("connect", async () => {
        const joined = await socket.timeout(5000).emitWithAck("join", "general");
        console.log("joined " + joined.room);
        const ack = await socket.timeout(5000).emitWithAck("message", { room: "general", id: "m1", text: "hi spring" });
        console.log("acked " + ack.id);
        socket.close();
        console.log("done");
      });
      """;

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pageClientSocketRestAndHealthShareOnePort() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>sio4j chat</title>"), page.body());
    assertEquals(200, get("/app.js").statusCode());
    assertEquals(200, get("/admin").statusCode());
    assertEquals(200, get("/socket.io/socket.io.js").statusCode());

    try (NodePeer peer = NodePeer.startScript(CLIENT, "http://127.0.0.1:" + port, "ada")) {
      assertEquals("joined general", peer.awaitLine(l -> true, TIMEOUT));
      assertEquals("acked m1", peer.awaitLine(l -> true, TIMEOUT));
      assertEquals("done", peer.awaitLine(l -> true, TIMEOUT));
    }
    HttpResponse<String> messages = get("/api/messages");
    assertEquals(200, messages.statusCode());
    assertTrue(messages.body().contains("\"text\":\"hi spring\"") && messages.body().contains("\"from\":\"ada\""),
        messages.body());

    try (NodePeer peer = NodePeer.startScript(CLIENT, "http://127.0.0.1:" + port, " ")) {
      assertEquals("connect_error Please pick a nickname of 1 to 24 characters", peer.awaitLine(l -> true, TIMEOUT));
    }

    HttpResponse<String> health = get("/actuator/health");
    assertEquals(200, health.statusCode(), health.body());
    JsonNode sio4j = new ObjectMapper().readTree(health.body()).path("components").path("sio4j");
    assertEquals("UP", sio4j.path("status").asText(), health.body());
    assertTrue(sio4j.path("details").path("sockets").has("/admin"), health.body());
  }
}
