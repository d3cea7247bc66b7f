package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What a servlet-stack test application serves on its one port, checked the same way in each container. */
final class OnePort {
  /** The handshake header of the user "ada", known to the test application's Spring Security. */
  static final String BASIC_ADA = "Authorization: Basic "
      + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));

  private OnePort() {}

  static String url(int port) {
    return "http://127.0.0.1:" + port;
  }

  static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(port) + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A REST call, an Engine.IO handshake and the official browser client all answer on {@code port}. */
  static void assertRestSocketIoAndClientFile(int port) throws Exception {
    HttpResponse<String> rest = get(port, "/api/hello");
    assertEquals(200, rest.statusCode());
    assertEquals("{\"hello\":\"world\"}", rest.body());
    HttpResponse<String> handshake = get(port, "/socket.io/?EIO=4&transport=polling");
    assertEquals(200, handshake.statusCode());
    assertTrue(handshake.body().startsWith("0{\"sid\":"), handshake.body());
    HttpResponse<String> client = get(port, "/socket.io/socket.io.js");
    assertEquals(200, client.statusCode());
    assertTrue(client.body().contains("Socket.IO"), "the official browser client");
  }

  /** The official client's events scenario over {@code mode}, with {@code header}, seen as {@code user}. */
  static void assertEvents(int port, String mode, String header, String user) throws Exception {
    try (NodePeer peer = NodeScenarios.run("events", url(port), mode, header)) {
      assertEquals(NodeScenarios.expectedEvents(mode, user),
          NodeScenarios.normalized(NodeScenarios.linesUntilDone(peer)));
    }
  }
}
