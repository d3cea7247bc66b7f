package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.testing.binding.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void credentialsWithAnyOriginAreRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> CorsOptions.builder().credentials(true).build());
  }
}
