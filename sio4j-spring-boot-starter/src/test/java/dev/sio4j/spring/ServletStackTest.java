package dev.sio4j.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.testing.NodePeer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter on the servlet stack (Tomcat): Socket.IO, a REST endpoint, the browser client file and Actuator answer
 * on the same random port; the official npm client talks to the annotated controllers over every transport, with the
 * Spring Security principal of its handshake.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"management.endpoint.health.show-details=always", "management.endpoints.web.exposure.include=*"})
class ServletStackTest {

  @LocalServerPort
  int port;

  @Autowired
  MeterRegistry meters;

  private String url() {
    return OnePort.url(port);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return OnePort.get(port, path);
  }

  @Test
  void restAndSocketIoShareThePort() throws Exception {
    OnePort.assertRestSocketIoAndClientFile(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void annotatedHandlersAnswerTheOfficialClientWithItsPrincipal(String mode) throws Exception {
    OnePort.assertEvents(port, mode, OnePort.BASIC_ADA, "ada");
  }

  @Test
  void anAnonymousHandshakeHasNoPrincipalAndCannotForgeOne() throws Exception {
    try (NodePeer peer = NodeScenarios.run("events", url(), "websocket", "x-sio4j-principal: forged")) {
      assertEquals(NodeScenarios.expectedEvents("websocket", "anonymous"),
          NodeScenarios.normalized(NodeScenarios.linesUntilDone(peer)));
    }
  }

  @Test
  void aRefusingMiddlewareBeanSendsConnectErrorAndIsCounted() throws Exception {
    double before = refused();
    try (NodePeer peer = NodeScenarios.run("refused", url(), "websocket", null)) {
      assertEquals("connect_error forbidden {\"reason\":\"bad token\"}",
          peer.awaitLine(l -> true, NodeScenarios.TIMEOUT));
    }
    assertEquals(before + 1, refused());
  }

  private double refused() {
    var counter = meters.find("sio4j.connections.refused").tag("namespace", "/").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void healthAndMetersReportTheServer() throws Exception {
    try (NodePeer peer = NodeScenarios.run("events", url(), "polling", null)) {
      NodeScenarios.linesUntilDone(peer);
    }
    HttpResponse<String> health = get("/actuator/health");
    assertEquals(200, health.statusCode(), health.body());
    JsonNode sio4j = new ObjectMapper().readTree(health.body()).path("components").path("sio4j");
    assertEquals("UP", sio4j.path("status").asText(), health.body());
    assertEquals("/socket.io/", sio4j.path("details").path("path").asText());
    assertTrue(sio4j.path("details").path("sockets").has("/admin"), health.body());
    assertTrue(sio4j.path("details").path("sessions").has("websocket"), health.body());

    assertTrue(meters.get("sio4j.handler.duration").tags("event", "chat", "outcome", "success").timer().count() > 0);
    assertTrue(meters.get("sio4j.handler.duration").tags("event", "chat", "outcome", "error").timer().count() > 0,
        "the payload that did not fit");
    assertTrue(meters.get("sio4j.ack.latency").tags("event", "future").timer().count() > 0);
    assertTrue(meters.get("sio4j.sockets.connected").tags("namespace", "/admin").gauge() != null);
    assertTrue(meters.get("sio4j.engine.sessions").tags("transport", "polling").gauge() != null);
    HttpResponse<String> metric = get("/actuator/metrics/sio4j.ack.latency");
    assertEquals(200, metric.statusCode(), metric.body());
  }
}
