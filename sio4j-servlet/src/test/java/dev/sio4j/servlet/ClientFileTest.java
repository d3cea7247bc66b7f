package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.binding.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The official browser client served at {@code /socket.io/socket.io.js} through the servlet. */
class ClientFileTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void browserClientIsServed(Container container) throws Exception {
    try (SocketIoTestServer server = SocketIoTestServer.start(container, SocketIoServer.create())) {
      HttpResponse<String> response = Http.get(server.url() + "/socket.io/socket.io.js");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("application/javascript"),
          response.headers().toString());
      assertTrue(response.body().contains("Socket.IO"), response.body().substring(0, 200));
      String etag = response.headers().firstValue("etag").orElseThrow();
      HttpResponse<String> again = Http.send(Http.request(server.url() + "/socket.io/socket.io.js")
          .header("If-None-Match", etag).GET().build());
      assertEquals(304, again.statusCode());
      assertEquals(404, Http.get(server.url() + "/socket.io/nothing.js").statusCode());
    }
  }
}
