package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.testing.binding.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS on long-polling requests: off by default, {@code *}, a list of origins with credentials, preflights. */
class CorsTest {

  @Test
  void offByDefault() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpResponse<String> response = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://elsewhere.example").GET().build());
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("access-control-allow-origin").isEmpty());
      HttpResponse<String> preflight = Http.send(Http.request(server.url("transport=polling"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      HandshakeTest.assertError(preflight, 400, 2, "Bad handshake method");
    }
  }

  @Test
  void anyOrigin() throws Exception {
    try (TestServer server = TestServer.start(b -> b.cors(CorsOptions.anyOrigin()))) {
      HttpResponse<String> response = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://elsewhere.example").GET().build());
      assertEquals("*", response.headers().firstValue("access-control-allow-origin").orElseThrow());
      HttpResponse<String> error = Http.get(server.url("transport=nope"));
      assertEquals("*", error.headers().firstValue("access-control-allow-origin").orElseThrow());
    }
  }

  @Test
  void listedOriginsWithCredentialsAndPreflight() throws Exception {
    CorsOptions cors = CorsOptions.builder().origins(List.of("https://app.example")).credentials(true)
        .maxAgeSeconds(600).build();
    try (TestServer server = TestServer.start(b -> b.cors(cors))) {
      HttpResponse<String> allowed = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://app.example").GET().build());
      assertEquals("https://app.example", allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
      assertEquals("true", allowed.headers().firstValue("access-control-allow-credentials").orElseThrow());
      assertEquals("Origin", allowed.headers().firstValue("vary").orElseThrow());

      HttpResponse<String> other = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://evil.example").GET().build());
      assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());

      HttpResponse<String> preflight = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
          .header("Access-Control-Request-Headers", "content-type")
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(204, preflight.statusCode());
      assertEquals("GET,HEAD,PUT,PATCH,POST,DELETE",
          preflight.headers().firstValue("access-control-allow-methods").orElseThrow());
      assertEquals("content-type", preflight.headers().firstValue("access-control-allow-headers").orElseThrow());
      assertEquals("600", preflight.headers().firstValue("access-control-max-age").orElseThrow());
    }
  }

  @Test
  void credentialsWithAnyOriginAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> CorsOptions.builder().credentials(true).build());
  }
}
