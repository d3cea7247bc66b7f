package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.testing.binding.Http;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Details where the engine answers as the reference's {@code server.ts}, {@code transports/polling.ts} and the
 * {@code cors} package do, found by reading them side by side: check order, error bodies and headers.
 */
class ReferenceParityTest {
  private static final String UPGRADE_HEADERS = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

  @Test
  void allowRequestIsAskedBeforeTheProtocolVersionIsChecked() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (TestServer server = TestServer.start(b -> b.allowRequest(request -> {
      asked.incrementAndGet();
      return "yes".equals(request.queryParameter("ok")) ? AllowRequest.Decision.allow()
          : AllowRequest.Decision.refuse("not you");
    }))) {
      String base = "http://127.0.0.1:" + server.port() + "/engine.io/?transport=polling";
      // refused by allowRequest first: 403 with its message, although EIO=3 is unsupported too
      HttpResponse<String> refused = Http.get(base + "&EIO=3");
      assertEquals(403, refused.statusCode());
      assertEquals("{\"code\":4,\"message\":\"not you\"}", refused.body());
      // allowed, then refused for the version
      HttpResponse<String> version = Http.get(base + "&EIO=3&ok=yes");
      assertEquals(400, version.statusCode());
      assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", version.body());
      assertEquals(2, asked.get());
    }
  }

  @Test
  void aRefusedUpgradeIsAPlainAnswerWithoutCorsHeaders() throws Exception {
    CorsOptions cors = CorsOptions.builder().origins(List.of("https://app.example")).build();
    try (TestServer server = TestServer.start(b -> b.cors(cors));
        Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(5_000);
      raw.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket&sid=nosuchsession HTTP/1.1\r\n"
          + "Host: x\r\nOrigin: https://app.example\r\n" + UPGRADE_HEADERS + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String lower = answer.toLowerCase();
      assertTrue(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer);
      assertTrue(lower.contains("content-type: text/html\r\n"), answer);
      assertTrue(lower.contains("connection: close\r\n"), answer);
      assertFalse(lower.contains("access-control-"), answer);
      assertTrue(answer.endsWith("\r\n\r\nSession ID unknown"), answer);
      assertEquals("error 1 Session ID unknown", server.events.await("error"));
    }
  }

  @Test
  void theWebSocketHandshakeCarriesCorsThenTheHooksHeaders() throws Exception {
    CorsOptions cors = CorsOptions.builder().origins(List.of("https://app.example")).credentials(true).build();
    AtomicBoolean hookSawCors = new AtomicBoolean();
    try (TestServer server = TestServer.start(b -> b.cors(cors)
        .initialHeaders((request, headers) -> {
          hookSawCors.set(headers.containsKey("Access-Control-Allow-Origin"));
          headers.put("X-Initial", "1");
        })
        .headers((request, headers) -> headers.put("X-Every", headers.containsKey("X-Initial") ? "after" : "alone")));
        Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.setSoTimeout(5_000);
      raw.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
          + "Origin: https://app.example\r\n" + UPGRADE_HEADERS + "\r\n").getBytes(StandardCharsets.US_ASCII));
      String head = WebSocketTest.readHead(raw.getInputStream()).toLowerCase();
      assertTrue(head.startsWith("http/1.1 101"), head);
      assertTrue(head.contains("access-control-allow-origin: https://app.example\r\n"), head);
      assertTrue(head.contains("access-control-allow-credentials: true\r\n"), head);
      assertTrue(head.contains("vary: origin\r\n"), head);
      assertTrue(head.contains("x-initial: 1\r\n"), head);
      assertTrue(head.contains("x-every: after\r\n"), head);
      assertTrue(hookSawCors.get(), "the initial headers hook runs after the CORS headers are set");
    }
  }

  @Test
  void credentialsAndExposedHeadersAreSentWhateverTheOrigin() throws Exception {
    CorsOptions cors = CorsOptions.builder().origins(List.of("https://app.example")).credentials(true)
        .exposedHeaders("X-Trace").build();
    try (TestServer server = TestServer.start(b -> b.cors(cors))) {
      HttpResponse<String> other = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://evil.example").GET().build());
      // as the cors package: no allowed origin, so a browser refuses the answer whatever else it says
      assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
      assertEquals("true", other.headers().firstValue("access-control-allow-credentials").orElseThrow());
      assertEquals("X-Trace", other.headers().firstValue("access-control-expose-headers").orElseThrow());
      assertEquals("Origin", other.headers().firstValue("vary").orElseThrow());
    }
  }

  @Test
  void aPreflightVariesOnTheRequestedHeadersEvenWhenNoneWereAsked() throws Exception {
    try (TestServer server = TestServer.start(b -> b.cors(CorsOptions.anyOrigin()))) {
      HttpResponse<String> preflight = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(204, preflight.statusCode());
      assertEquals("*", preflight.headers().firstValue("access-control-allow-origin").orElseThrow());
      assertEquals("Access-Control-Request-Headers", preflight.headers().firstValue("vary").orElseThrow());
      assertTrue(preflight.headers().firstValue("access-control-allow-headers").isEmpty());
    }
    CorsOptions listed = CorsOptions.builder().origins(List.of("https://app.example")).build();
    try (TestServer server = TestServer.start(b -> b.cors(listed))) {
      HttpResponse<String> preflight = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://app.example").header("Access-Control-Request-Headers", "x-token")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals("Origin, Access-Control-Request-Headers", preflight.headers().firstValue("vary").orElseThrow());
      assertEquals("x-token", preflight.headers().firstValue("access-control-allow-headers").orElseThrow());
    }
  }

  @Test
  void pollingErrorsHaveNoBodyAndNoContentType() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxPayload(1000))) {
      String sid = Http.handshake(server);
      // two GETs at once: whichever the server reads second is refused bare, the held one then gets CLOSE
      CompletableFuture<HttpResponse<String>> first = Http.getAsync(server.pollingUrl(sid));
      CompletableFuture<HttpResponse<String>> second = Http.getAsync(server.pollingUrl(sid));
      HttpResponse<String> a = first.get(5, TimeUnit.SECONDS);
      HttpResponse<String> b = second.get(5, TimeUnit.SECONDS);
      HttpResponse<String> refused = a.statusCode() == 400 ? a : b;
      HttpResponse<String> held = refused == a ? b : a;
      assertBare(refused, 400);
      assertEquals("1", held.body());
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));

      String binary = Http.handshake(server);
      assertBare(Http.send(Http.request(server.pollingUrl(binary)).header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {4, 1})).build()), 400);

      // several packets, each small, together over maxPayload: refused by the body's length, as the reference
      String several = Http.handshake(server);
      String payload = String.join("\u001e", java.util.Collections.nCopies(4, "4" + "z".repeat(300)));
      assertBare(Http.post(server.pollingUrl(several), payload), 413);
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(several));

      String healthy = Http.handshake(server);
      assertEquals("ok", Http.post(server.pollingUrl(healthy), "4fine").body());
      assertEquals("4fine", Http.get(server.pollingUrl(healthy)).body());
    }
  }

  private static void assertBare(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode());
    assertTrue(response.headers().firstValue("content-type").isEmpty(), response.headers().toString());
    assertEquals("", response.body());
  }
}
