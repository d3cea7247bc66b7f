package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.RecordingListener;
import dev.sio4j.testing.binding.WsClient;
import java.net.http.HttpResponse;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.sio4j.engine.spi.ServerBindingFactory;
import org.junit.jupiter.api.Test;

/** Graceful shutdown, and the ServiceLoader registration. */
class ShutdownTest {

  @Test
  void closingTheServerClosesEverySessionWithServerShuttingDown() throws Exception {
    TestServer server = TestServer.start();
    String polling = Http.handshake(server);
    CompletableFuture<HttpResponse<String>> held = Http.getAsync(server.pollingUrl(polling));
    WsClient ws = WsClient.connect(server.ws(""));
    String websocket = ws.handshake();
    // make sure the GET is held before closing: a server message answers it, then hold the next one
    server.engine.session(polling).send(dev.sio4j.protocol.engineio.EngineIoPacket.message("x"));
    assertEquals("4x", held.get(5, TimeUnit.SECONDS).body());
    CompletableFuture<HttpResponse<String>> next = Http.getAsync(server.pollingUrl(polling));
    server.close();
    assertEquals(EngineCloseReason.SERVER_SHUTTING_DOWN, server.events.awaitClose(polling));
    assertEquals(EngineCloseReason.SERVER_SHUTTING_DOWN, server.events.awaitClose(websocket));
    ws.awaitClose();
    // the second GET was held (answered with CLOSE) or refused once the port closed
    next.handle((r, e) -> e != null || r.body().equals("1") || r.statusCode() == 400)
        .thenAccept(ok -> assertEquals(true, ok)).get(5, TimeUnit.SECONDS);
    assertEquals(0, server.engine.sessionCount());
    assertThrows(Exception.class, () -> Http.get(server.url("transport=polling")));
  }

  @Test
  void drainOnCloseRefusesHandshakesAndClosesSessionsAsTransportCloses() throws Exception {
    TestServer server = TestServer.startWith(o -> o, n -> n.drainOnClose(java.time.Duration.ofMillis(500)));
    String polling = Http.handshake(server);
    WsClient ws = WsClient.connect(server.ws(""));
    String websocket = ws.handshake();
    CompletableFuture<Void> closed = server.server.closeAsync();
    // draining: a balancer is told to try another node
    assertEquals(503, Http.get(server.url("transport=polling")).statusCode());
    // a transport close, after which the clients reconnect (to another node), not "server shutting down"
    assertEquals(EngineCloseReason.TRANSPORT_CLOSE, server.events.awaitClose(polling));
    assertEquals(EngineCloseReason.TRANSPORT_CLOSE, server.events.awaitClose(websocket));
    ws.awaitClose();
    closed.get(10, TimeUnit.SECONDS);
    assertThrows(Exception.class, () -> Http.get(server.url("transport=polling")));
  }

  @Test
  void nettyIsTheServiceLoaderBinding() throws Exception {
    ServerBindingFactory factory = ServiceLoader.load(ServerBindingFactory.class).findFirst().orElseThrow();
    assertEquals(NettyServerBindingFactory.class, factory.getClass());
    RecordingListener events = new RecordingListener();
    try (var engine = new dev.sio4j.engine.EngineServer(dev.sio4j.engine.EngineOptions.defaults(), events);
        var binding = factory.bind(engine, java.util.List.of(), new java.net.InetSocketAddress("127.0.0.1", 0))) {
      String url = "http://127.0.0.1:" + binding.address().getPort() + "/engine.io/?EIO=4&transport=polling";
      assertEquals(200, Http.get(url).statusCode());
    }
  }
}
