package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SocketIoServlet#close()}: open WebSockets are closed with 1001, new requests are refused with 503. */
class ShutdownTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void closeEndsWebSocketsAndRefusesRequests(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      assertEquals(1, server.servlet.openWebSockets());
      server.servlet.close();
      assertEquals(1001, ws.awaitClose());
      server.events.awaitClose(sid);
      assertEquals(503, Http.get(server.url("transport=polling")).statusCode());
      // the container reports the session closed after the close handshake, on its own thread: shortly after the
      // client saw the close frame
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
      while (server.servlet.openWebSockets() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0, server.servlet.openWebSockets());
    }
  }
}
