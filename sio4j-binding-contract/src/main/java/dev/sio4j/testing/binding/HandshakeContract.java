package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The Engine.IO handshake over long-polling and over WebSocket, in every binding. */
public abstract class HandshakeContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  @Test
  void pollingHandshakeOpensASession() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
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

  @Test
  void webSocketHandshakeOpensASession() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
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

  @Test
  void unknownSidIsRefused() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      HttpResponse<String> response = Http.get(server.pollingUrl("nope"));
      assertEquals(400, response.statusCode());
      assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", response.body());
    }
  }

  @Test
  void requestsOutsideTheEngineGet404() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      HttpResponse<String> response = Http.get("http://127.0.0.1:" + server.port() + "/engine.io/other");
      assertEquals(404, response.statusCode());
    }
  }
}
