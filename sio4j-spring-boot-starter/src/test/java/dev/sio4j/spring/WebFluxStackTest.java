package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.spring.internal.SocketIoLifecycle;
import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A WebFlux application with the starter: Reactor Netty serves the application on its port, and sio4j starts its own
 * Netty server on {@code sio4j.port} (here any free port), says so in the log at start-up, and the official npm client
 * talks to the annotated controllers there over polling, WebSocket and an upgrade. The application is started by the
 * test itself, so that its start-up log is captured whatever contexts other classes cached.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebFluxStackTest {
  @Test
  void sio4jRunsItsOwnNettyServerBesideReactorNettyAndSaysSo(CapturedOutput output) throws Exception {
    SpringApplication application = new SpringApplication(TestApplication.class);
    application.setWebApplicationType(WebApplicationType.REACTIVE);
    try (ConfigurableApplicationContext context = application.run("--server.port=0", "--sio4j.port=0")) {
      var webServer = ((WebServerApplicationContext) context).getWebServer();
      assertTrue(webServer.getClass().getSimpleName().startsWith("Netty"), webServer.getClass().getName());
      int webFluxPort = webServer.getPort();
      int sio4jPort = context.getBean(SocketIoLifecycle.class).ownPort();
      assertTrue(sio4jPort > 0, "sio4j's own server is listening");
      assertNotEquals(webFluxPort, sio4jPort);
      String line = "sio4j: reactive web stack (its server cannot host sio4j's engine on the application's port): "
          + "Socket.IO runs on sio4j's own Netty server, port " + sio4jPort + " (sio4j.port), path /socket.io/";
      assertTrue(output.getAll().contains(line), "not in the log: " + line);

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> rest = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + webFluxPort + "/api/hello")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, rest.statusCode(), rest.body());
      assertEquals("{\"hello\":\"world\"}", rest.body());

      String url = "http://127.0.0.1:" + sio4jPort;
      for (String mode : List.of("polling", "websocket", "upgrade")) {
        // No principal on the reactive stack: the handshake does not go through Spring Security.
        try (NodePeer peer = NodeScenarios.run("events", url, mode, null)) {
          assertEquals(NodeScenarios.expectedEvents(mode, "anonymous"),
              NodeScenarios.normalized(NodeScenarios.linesUntilDone(peer)), mode);
        }
      }
    }
  }
}
