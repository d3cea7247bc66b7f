package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Engine.IO handshake over long-polling and over WebSocket, in every binding. */
public abstract class HandshakeContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  @Test
  void pollingHandshakeOpensASession() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.pingIntervalMillis(300).pingTimeoutMillis(200))) {
      HttpResponse<String> response = Http.get(server.url("transport=polling"));
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("content-type").orElseThrow().matches("(?i)text/plain; ?charset=utf-8"));
      String body = response.body();
      // exactly the five fields, the configured heartbeat included
      assertTrue(Pattern.matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
          + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}", body), body);
      String sid = Http.sid(body);
      assertEquals("open " + sid, server.events.await("open"));
    }
  }

  @Test
  void webSocketHandshakeOpensASession() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      WsClient ws = WsClient.connect(server.ws(""));
      String open = ws.next();
      // the default heartbeat and payload limit, and nothing to upgrade to
      assertTrue(Pattern.matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],"
          + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}", open), open);
      String sid = Http.sid(open);
      assertEquals("websocket", server.engine.session(sid).transport());
      assertEquals("open " + sid, server.events.await("open"));
      ws.send("4hello");
      assertEquals("4hello", ws.next());
      ws.sendBinary(new byte[] {1, 2, 3});
      assertEquals("binary:010203", ws.next());
      assertEquals("message " + sid + " hello", server.events.await("message"));
      assertEquals("binary " + sid + " 010203", server.events.await("binary"));
      ws.send("4é€😀");
      assertEquals("4é€😀", ws.next());
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
