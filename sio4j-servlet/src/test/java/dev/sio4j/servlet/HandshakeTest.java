package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Engine.IO handshake over long-polling and over WebSocket, in each container. */
class HandshakeTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void pollingHandshakeOpensASession(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      HttpResponse<String> response = Http.get(server.url("transport=polling"));
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("content-type").orElseThrow().matches("(?i)text/plain; ?charset=utf-8"));
      String body = response.body();
      assertTrue(body.startsWith("0{\"sid\":\""), body);
      assertTrue(body.contains("\"upgrades\":[\"websocket\"]"), body);
      assertTrue(body.contains("\"pingInterval\":25000"), body);
      String sid = Http.sid(body);
      assertEquals("open " + sid, server.events.await("open"));
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webSocketHandshakeOpensASession(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      assertTrue(server.engine.session(sid) != null);
      assertEquals("open " + sid, server.events.await("open"));
      ws.send("4hello");
      assertEquals("4hello", ws.next());
      ws.sendBinary(new byte[] {1, 2, 3});
      assertEquals("binary:010203", ws.next());
      assertEquals("message " + sid + " hello", server.events.await("message"));
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void unknownSidIsRefused(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      HttpResponse<String> response = Http.get(server.pollingUrl("nope"));
      assertEquals(400, response.statusCode());
      assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", response.body());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void requestsOutsideTheEngineGet404(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      HttpResponse<String> response = Http.get("http://127.0.0.1:" + server.port() + "/engine.io/other");
      assertEquals(404, response.statusCode());
    }
  }
}
