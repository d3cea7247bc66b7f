package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.AllowRequest.Decision;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An {@code allowRequest} that decides later, on another thread: the engine then accepts (or refuses) a WebSocket
 * handshake asynchronously, which the servlet awaits on the request thread before upgrading.
 */
class AsyncAllowRequestTest {

  private static AllowRequest later(boolean allow) {
    return AllowRequest.async(request -> CompletableFuture.supplyAsync(
        () -> allow ? Decision.allow() : Decision.refuse("not today"),
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS)));
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webSocketHandshakeAcceptedLater(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.allowRequest(later(true)))) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("4late");
      assertEquals("4late", ws.next());
      assertEquals("open " + sid, server.events.await("open"));
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void webSocketHandshakeRefusedLater(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.allowRequest(later(false)))) {
      CompletionException refused = assertThrows(CompletionException.class, () -> WsClient.connect(server.ws("")));
      HttpResponse<?> response = ((WebSocketHandshakeException) refused.getCause()).getResponse();
      // the reference's abortUpgrade answers every refused upgrade with 400
      assertEquals(400, response.statusCode());
      assertEquals(0, server.servlet.openWebSockets());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void pollingHandshakeRefusedLater(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.allowRequest(later(false)))) {
      HttpResponse<String> response = Http.get(server.url("transport=polling"));
      assertEquals(403, response.statusCode());
      assertEquals("{\"code\":4,\"message\":\"not today\"}", response.body());
    }
  }
}
