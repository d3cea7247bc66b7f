package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.CookieOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.RecordingListener;
import dev.sio4j.testing.binding.WsClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handshake and the protocol's error answers (engine.io-protocol test-suite "handshake"). */
class HandshakeTest {

  @Test
  void pollingHandshakeHasTheReferenceContentTypeToTheLetter() throws Exception {
    // the contract (HandshakeContract) checks the body; containers spell this header their own way
    try (TestServer server = TestServer.start()) {
      HttpResponse<String> response = Http.get(server.url("transport=polling"));
      assertEquals("text/plain; charset=UTF-8", response.headers().firstValue("content-type").orElseThrow());
    }
  }

  @Test
  void sessionIdsAreUnique() throws Exception {
    try (TestServer server = TestServer.start()) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (int i = 0; i < 50; i++) {
        assertTrue(ids.add(Http.handshake(server)));
      }
    }
  }

  @Test
  void refusesBadProtocolVersionTransportAndMethod() throws Exception {
    try (TestServer server = TestServer.start()) {
      String base = "http://127.0.0.1:" + server.port() + "/engine.io/";
      assertError(Http.get(base + "?transport=polling"), 400, 5, "Unsupported protocol version");
      assertError(Http.get(base + "?EIO=abc&transport=polling"), 400, 5, "Unsupported protocol version");
      assertError(Http.get(base + "?EIO=3&transport=polling"), 400, 5, "Unsupported protocol version");
      assertError(Http.get(base + "?EIO=4"), 400, 0, "Transport unknown");
      assertError(Http.get(base + "?EIO=4&transport=abc"), 400, 0, "Transport unknown");
      assertError(Http.post(server.url("transport=polling"), ""), 400, 2, "Bad handshake method");
      assertError(Http.send(Http.request(server.url("transport=polling"))
          .PUT(HttpRequest.BodyPublishers.noBody()).build()), 400, 2, "Bad handshake method");
      assertError(Http.get(server.url("transport=websocket")), 400, 3, "Bad request");
      assertError(Http.get(server.url("transport=polling&sid=nope")), 400, 1, "Session ID unknown");
      assertEquals(0, server.engine.sessionCount());
      // each refusal is reported as a connection error
      assertEquals("error 5 Unsupported protocol version", server.events.await("error"));
      assertEquals("error 1 Session ID unknown", server.events.await("error 1"));
    }
  }

  @Test
  void refusesWebSocketsWithBadParameters() throws Exception {
    try (TestServer server = TestServer.start()) {
      String base = "ws://127.0.0.1:" + server.port() + "/engine.io/";
      for (String query : new String[] {"?transport=websocket", "?EIO=abc&transport=websocket", "?EIO=4",
          "?EIO=4&transport=abc", "?EIO=4&transport=websocket&sid=unknown"}) {
        var failure = Http.CLIENT.newWebSocketBuilder()
            .buildAsync(java.net.URI.create(base + query), new WsClient()).handle((ws, e) -> e).join();
        assertTrue(failure != null, query + " was accepted");
      }
      assertEquals(0, server.engine.sessionCount());
    }
  }

  @Test
  void disabledTransportIsUnknown() throws Exception {
    try (TestServer server = TestServer.start(b -> b.transports(EnumSet.of(EngineOptions.Transport.WEBSOCKET)))) {
      assertError(Http.get(server.url("transport=polling")), 400, 0, "Transport unknown");
    }
    try (TestServer server = TestServer.start(b -> b.transports(EnumSet.of(EngineOptions.Transport.POLLING)))) {
      String open = Http.get(server.url("transport=polling")).body();
      assertTrue(open.contains("\"upgrades\":[]"), open);
    }
  }

  @Test
  void allowRequestRefusesWith403AndTheMessage() throws Exception {
    try (TestServer server = TestServer.start(b -> b.allowRequest(request ->
        "yes".equals(request.header("x-allow")) ? AllowRequest.Decision.allow()
            : AllowRequest.Decision.refuse("not \"you\"")))) {
      assertError(Http.get(server.url("transport=polling")), 403, 4, "not \\\"you\\\"");
      assertEquals("error 4 not \"you\"", server.events.await("error"));
      HttpResponse<String> ok = Http.send(Http.request(server.url("transport=polling")).header("x-allow", "yes")
          .GET().build());
      assertEquals(200, ok.statusCode());
    }
  }

  @Test
  void asynchronousAllowRequest() throws Exception {
    java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
    try (TestServer server = TestServer.start(b -> b.allowRequest(AllowRequest.async(request -> {
      // decided 50 ms later on another thread, as a remote token check would
      var decision = new java.util.concurrent.CompletableFuture<AllowRequest.Decision>();
      later.schedule(() -> decision.complete("good".equals(request.queryParameter("token"))
          ? AllowRequest.Decision.allow() : AllowRequest.Decision.refuse("bad token")), 50,
          java.util.concurrent.TimeUnit.MILLISECONDS);
      return decision;
    })))) {
      assertError(Http.get(server.url("transport=polling&token=bad")), 403, 4, "bad token");
      assertEquals(200, Http.get(server.url("transport=polling&token=good")).statusCode());
      WsClient ws = WsClient.connect(server.ws("&token=good"));
      ws.handshake();
      var refused = Http.CLIENT.newWebSocketBuilder().buildAsync(server.ws("&token=bad"), new WsClient())
          .handle((socket, e) -> e).join();
      assertTrue(refused != null, "bad token accepted");
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void maxSessionsCapsConcurrentSessions() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxSessions(2))) {
      String first = Http.handshake(server);
      Http.handshake(server);
      HttpResponse<String> refused = Http.get(server.url("transport=polling"));
      assertEquals(503, refused.statusCode());
      server.engine.session(first).close();
      // no GET is held: the orderly close waits for the next one to carry CLOSE (reference polling doClose)
      assertEquals("1", Http.get(server.pollingUrl(first)).body());
      server.events.await("close " + first);
      assertEquals(200, Http.get(server.url("transport=polling")).statusCode());
    }
  }

  @Test
  void cookieAndHeaderHooks() throws Exception {
    try (TestServer server = TestServer.start(b -> b
        .cookie(CookieOptions.builder().build())
        .initialHeaders((request, headers) -> headers.put("X-Initial", "1"))
        .headers((request, headers) -> headers.put("X-Every", request.queryParameter("transport"))))) {
      HttpResponse<String> handshake = Http.get(server.url("transport=polling"));
      String sid = Http.sid(handshake.body());
      assertEquals("io=" + sid + "; Path=/; HttpOnly; SameSite=Lax",
          handshake.headers().firstValue("set-cookie").orElseThrow());
      assertEquals("1", handshake.headers().firstValue("x-initial").orElseThrow());
      assertEquals("polling", handshake.headers().firstValue("x-every").orElseThrow());
      HttpResponse<String> post = Http.post(server.pollingUrl(sid), "4x");
      assertTrue(post.headers().firstValue("set-cookie").isEmpty());
      assertTrue(post.headers().firstValue("x-initial").isEmpty());
      assertEquals("polling", post.headers().firstValue("x-every").orElseThrow());
    }
  }

  @Test
  void webSocketHandshakeCarriesTheHookHeadersButNoCookie() throws Exception {
    try (TestServer server = TestServer.start(b -> b
        .cookie(CookieOptions.builder().name("sticky").build())
        .initialHeaders((request, headers) -> headers.put("X-Initial", "ws")))) {
      try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
        raw.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
            + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes());
        String head = WebSocketTest.readHead(raw.getInputStream()).toLowerCase();
        assertTrue(head.startsWith("http/1.1 101"), head);
        // the reference sets its cookie from the polling transport's headers only
        assertTrue(!head.contains("set-cookie"), head);
        assertTrue(head.contains("x-initial: ws"), head);
      }
    }
  }

  @Test
  void upgradesCanBeDisabled() throws Exception {
    try (TestServer server = TestServer.start(b -> b.allowUpgrades(false))) {
      String open = Http.get(server.url("transport=polling")).body();
      assertTrue(open.contains("\"upgrades\":[]"), open);
      String sid = Http.sid(open);
      var failure = Http.CLIENT.newWebSocketBuilder().buildAsync(server.ws("&sid=" + sid), new WsClient())
          .handle((ws, e) -> e).join();
      assertTrue(failure != null, "upgrade accepted");
      assertEquals("polling", server.engine.session(sid).transport());
    }
  }

  @Test
  void aFailingListenerDoesNotHurtTheSession() throws Exception {
    RecordingListener recording = new RecordingListener();
    dev.sio4j.engine.EngineListener failing = new dev.sio4j.engine.EngineListener() {
      @Override
      public void onOpen(dev.sio4j.engine.EngineSocket socket) {
        recording.onOpen(socket);
        throw new IllegalStateException("listener failure (expected by the test)");
      }

      @Override
      public void onMessage(dev.sio4j.engine.EngineSocket socket, dev.sio4j.protocol.engineio.EngineIoPacket message) {
        recording.onMessage(socket, message);
        throw new IllegalStateException("listener failure (expected by the test)");
      }

      @Override
      public void onClose(dev.sio4j.engine.EngineSocket socket, dev.sio4j.engine.EngineCloseReason reason,
          String description) {
        recording.onClose(socket, reason, description);
      }
    };
    try (var engine = new dev.sio4j.engine.EngineServer(EngineOptions.defaults(), failing);
        var netty = NettyServer.builder().engine(engine).host("127.0.0.1").port(0).start()) {
      WsClient ws = WsClient.connect(java.net.URI.create("ws://127.0.0.1:" + netty.address().getPort()
          + "/engine.io/?EIO=4&transport=websocket"));
      ws.handshake();
      for (int i = 0; i < 3; i++) {
        ws.send("4again " + i);
        assertEquals("4again " + i, ws.next());
      }
    }
  }

  @Test
  void handlersComeFirstAndOtherPathsAre404() throws Exception {
    try (TestServer server = TestServer.start(b -> b, exchange -> {
      if (!exchange.path().equals("/hello")) {
        return false;
      }
      exchange.respond(200, Map.of("Content-Type", "text/plain"), "hi".getBytes());
      return true;
    })) {
      String root = "http://127.0.0.1:" + server.port();
      assertEquals("hi", Http.get(root + "/hello").body());
      assertEquals(404, Http.get(root + "/other").statusCode());
      assertEquals(200, Http.get(root + "/engine.io?EIO=4&transport=polling").statusCode());
    }
  }

  static void assertError(HttpResponse<String> response, int status, int code, String message) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("{\"code\":" + code + ",\"message\":\"" + message + "\"}", response.body());
  }
}
