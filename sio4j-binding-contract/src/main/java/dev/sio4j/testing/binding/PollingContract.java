package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HTTP long-polling: POST bodies read without blocking, GETs held without a thread and answered later. */
public abstract class PollingContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  @Test
  void postAnswersOkAndGetReturnsEchoedPackets() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      String sid = Http.handshake(server);
      HttpResponse<String> post = Http.post(server.pollingUrl(sid), "4hello");
      assertEquals(200, post.statusCode());
      assertEquals("ok", post.body());
      assertEquals("text/html", post.headers().firstValue("content-type").orElseThrow());
      assertEquals("4hello", Http.get(server.pollingUrl(sid)).body());
      assertEquals("message " + sid + " hello", server.events.await("message"));

      Http.post(server.pollingUrl(sid), "4test1\u001e4test2\u001e4test3");
      assertEquals("4test1\u001e4test2\u001e4test3", Http.get(server.pollingUrl(sid)).body());

      Http.post(server.pollingUrl(sid), "4hello\u001ebAQIDBA==");
      assertEquals("4hello\u001ebAQIDBA==", Http.get(server.pollingUrl(sid)).body());
      assertEquals("binary " + sid + " 01020304", server.events.await("binary"));
    }
  }

  @Test
  void heldGetIsAnsweredWhenTheServerSends() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      String sid = Http.handshake(server);
      CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUrl(sid));
      Thread.sleep(200);
      assertTrue(!poll.isDone());
      EngineSocket socket = server.engine.session(sid);
      // the held GET carries both packets together
      assertTrue(socket.send(List.of(EngineIoPacket.message("a"), EngineIoPacket.message(new byte[] {1})), true));
      assertEquals("4a\u001ebAQ==", poll.get(5, TimeUnit.SECONDS).body());
    }
  }

  @Test
  void largePostBodyArrivesWhole() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      server.events.echo = false;
      String sid = Http.handshake(server);
      String big = "x".repeat(300_000);
      assertEquals(200, Http.post(server.pollingUrl(sid), "4" + big).statusCode());
      assertEquals("message " + sid + " " + big, server.events.await("message"));
    }
  }
}
