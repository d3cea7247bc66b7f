package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raw HTTP requests as an Engine.IO long-polling client makes them (HTTP/1.1, java.net.http). Public for the binding
 * modules' own tests.
 */
public final class Http {
  public static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

  private Http() {}

  public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return CLIENT.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public static CompletableFuture<HttpResponse<String>> getAsync(String url) {
    return CLIENT.sendAsync(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
    return CLIENT.send(request(url).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static HttpRequest.Builder request(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
  }

  /** Opens a long-polling session and returns its sid. */
  public static String handshake(BindingServer server) throws IOException, InterruptedException {
    HttpResponse<String> response = get(server.url("transport=polling"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().startsWith("0{"), response.body());
    return sid(response.body());
  }

  public static String sid(String openPacket) {
    Matcher m = SID.matcher(openPacket);
    assertTrue(m.find(), openPacket);
    return m.group(1);
  }
}
