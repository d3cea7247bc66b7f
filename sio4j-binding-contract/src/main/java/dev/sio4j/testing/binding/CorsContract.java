package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.CorsOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS answers and the preflight, as the engine computes them, through every binding. */
public abstract class CorsContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  @Test
  void listedOriginsWithCredentialsAndPreflight() throws Exception {
    CorsOptions cors = CorsOptions.builder().origins(List.of("https://app.example")).credentials(true)
        .maxAgeSeconds(600).build();
    try (BindingServer server = BindingServer.start(starter(), b -> b.cors(cors))) {
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
  void anyOriginAlsoOnErrors() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.cors(CorsOptions.anyOrigin()))) {
      HttpResponse<String> response = Http.send(Http.request(server.url("transport=polling"))
          .header("Origin", "https://elsewhere.example").GET().build());
      assertEquals("*", response.headers().firstValue("access-control-allow-origin").orElseThrow());
      HttpResponse<String> error = Http.get(server.url("transport=nope"));
      assertEquals(400, error.statusCode());
      assertEquals("*", error.headers().firstValue("access-control-allow-origin").orElseThrow());
    }
  }
}
