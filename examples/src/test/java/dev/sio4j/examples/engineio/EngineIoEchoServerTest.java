package dev.sio4j.examples.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.netty.NettyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The echo example answers as the official test-suite expects: its handshake values, CORS, echo of both kinds. */
class EngineIoEchoServerTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void handshakeCorsAndEcho() throws Exception {
    try (NettyServer server = EngineIoEchoServer.start(0)) {
      String base = "http://127.0.0.1:" + server.address().getPort() + "/engine.io/?EIO=4&transport=polling";
      HttpResponse<String> open = http.send(HttpRequest.newBuilder(URI.create(base))
          .header("Origin", "http://localhost:8080").build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("*", open.headers().firstValue("access-control-allow-origin").orElseThrow());
      assertTrue(open.body().matches("0\\{\"sid\":\"[^\"]{20}\",\"upgrades\":\\[\"websocket\"],"
          + "\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000}"), open.body());
      String sid = open.body().substring(9, 29);
      String url = base + "&sid=" + sid;
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(url))
          .POST(HttpRequest.BodyPublishers.ofString("4hello\u001ebAQIDBA==")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("ok", post.body());
      // with pingInterval 300 a PING may come first, alone or in the same payload: answer it and keep reading
      StringBuilder echoed = new StringBuilder();
      while (echoed.length() < "4hello\u001ebAQIDBA==".length()) {
        String body = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        for (String packet : body.split("\u001e")) {
          if (packet.equals("2")) {
            http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("3")).build(),
                HttpResponse.BodyHandlers.ofString());
          } else {
            echoed.append(echoed.length() == 0 ? "" : "\u001e").append(packet);
          }
        }
      }
      assertEquals("4hello\u001ebAQIDBA==", echoed.toString());
    }
  }
}
