package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HTTP long-polling: POST bodies read without blocking, GETs held without a thread and answered later. */
class PollingTest {

  @ParameterizedTest
  @EnumSource(Container.class)
  void postAnswersOkAndGetReturnsEchoedPackets(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      String sid = Http.handshake(server);
      HttpResponse<String> post = Http.post(server.pollingUrl(sid), "4hello");
      assertEquals(200, post.statusCode());
      assertEquals("ok", post.body());
      assertEquals("4hello", Http.get(server.pollingUrl(sid)).body());
      assertEquals("message " + sid + " hello", server.events.await("message"));

      Http.post(server.pollingUrl(sid), "4test1\u001e4test2\u001e4test3");
      assertEquals("4test1\u001e4test2\u001e4test3", Http.get(server.pollingUrl(sid)).body());

      Http.post(server.pollingUrl(sid), "4hello\u001ebAQIDBA==");
      assertEquals("4hello\u001ebAQIDBA==", Http.get(server.pollingUrl(sid)).body());
      assertEquals("binary " + sid + " 01020304", server.events.await("binary"));
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void heldGetIsAnsweredWhenTheServerSends(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      String sid = Http.handshake(server);
      CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUrl(sid));
      Thread.sleep(200);
      assertTrue(!poll.isDone());
      EngineSocket socket = server.engine.session(sid);
      assertTrue(socket.send(List.of(EngineIoPacket.message("a"), EngineIoPacket.message(new byte[] {1})), true));
      assertEquals("4a\u001ebAQ==", poll.get(5, TimeUnit.SECONDS).body());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void largePostBodyArrivesWhole(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      server.events.echo = false;
      String sid = Http.handshake(server);
      String big = "x".repeat(300_000);
      assertEquals(200, Http.post(server.pollingUrl(sid), "4" + big).statusCode());
      assertEquals("message " + sid + " " + big, server.events.await("message"));
    }
  }
}
