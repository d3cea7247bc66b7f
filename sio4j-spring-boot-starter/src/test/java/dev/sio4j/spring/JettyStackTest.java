package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.testing.NodePeer;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The starter on the servlet stack with Jetty 12 ({@code spring-boot-starter-jetty}, Spring Boot's Jetty and
 * Servlet 6.1): REST and Socket.IO on one random port, and the official npm client through the annotated
 * controllers, with acknowledgements and the Spring Security principal, over polling, WebSocket and an upgrade.
 * Tagged {@code jetty}: only the surefire execution whose class path has Jetty and no Tomcat runs it.
 */
@Tag("jetty")
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JettyStackTest {
  private static final String BASIC = "Authorization: Basic "
      + Base64.getEncoder().encodeToString("ada:secret".getBytes(StandardCharsets.UTF_8));
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  int port;

  @Autowired
  WebServerApplicationContext context;

  @Autowired
  ServletContext servletContext;

  private String url() {
    return "http://127.0.0.1:" + port;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void restAndSocketIoShareJettysPort() throws Exception {
    // Spring Boot's Jetty, as its BOM picks it (Jetty 12.1, ee11: Servlet 6.1), not the project's pinned Jetty.
    assertTrue(context.getWebServer().getClass().getSimpleName().startsWith("Jetty"),
        context.getWebServer().getClass().getName());
    assertTrue(servletContext.getServerInfo().startsWith("jetty/12."), servletContext.getServerInfo());
    assertEquals("6.1", servletContext.getMajorVersion() + "." + servletContext.getMinorVersion());
    HttpResponse<String> rest = get("/api/hello");
    assertEquals(200, rest.statusCode());
    assertEquals("{\"hello\":\"world\"}", rest.body());
    HttpResponse<String> handshake = get("/socket.io/?EIO=4&transport=polling");
    assertEquals(200, handshake.statusCode());
    assertTrue(handshake.body().startsWith("0{\"sid\":"), handshake.body());
    HttpResponse<String> client = get("/socket.io/socket.io.js");
    assertEquals(200, client.statusCode());
    assertTrue(client.body().contains("Socket.IO"), "the official browser client");
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void annotatedHandlersAnswerTheOfficialClientWithAcks(String mode) throws Exception {
    try (NodePeer peer = NodeScenarios.run("events", url(), mode, BASIC)) {
      assertEquals(NodeScenarios.expectedEvents(mode, "ada"),
          NodeScenarios.normalized(NodeScenarios.linesUntilDone(peer)));
    }
  }
}
