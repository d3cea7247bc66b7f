package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.binding.Http;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** HTTP long-polling (engine.io-protocol test-suite "message / HTTP long-polling", "close / HTTP long-polling"). */
class PollingTest {

  @Test
  void getAnswersAreBoundedByMaxPayload() throws Exception {
    try (TestServer server = TestServer.start(b -> b.maxPayload(100))) {
      String sid = Http.handshake(server);
      EngineSocket socket = server.engine.session(sid);
      List<EngineIoPacket> packets = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        packets.add(EngineIoPacket.message("x".repeat(29)));
      }
      assertTrue(socket.send(packets, false));
      int received = 0;
      while (received < 10) {
        String body = Http.get(server.pollingUrl(sid)).body();
        assertTrue(body.length() <= 100, body);
        received += body.split("\u001e").length;
      }
      assertEquals(10, received);
    }
  }

  @Test
  void largeAnswersAreCompressedWhenTheClientAccepts() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      server.engine.session(sid).send(EngineIoPacket.message("z".repeat(5000)));
      HttpResponse<byte[]> response = Http.CLIENT.send(Http.request(server.pollingUrl(sid))
          .header("Accept-Encoding", "gzip, deflate").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertEquals("gzip", response.headers().firstValue("content-encoding").orElseThrow());
      assertTrue(response.body().length < 1000);
      String text = new String(new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes());
      assertEquals("4" + "z".repeat(5000), text);
    }
  }

  @Test
  void clientCloseAnswersTheHeldGetWithNoop() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUrl(sid));
      // the GET sent before the CLOSE gets NOOP whichever of the two the server reads first
      assertEquals("ok", Http.post(server.pollingUrl(sid), "1").body());
      assertEquals("6", poll.get(5, TimeUnit.SECONDS).body());
      assertEquals(EngineCloseReason.TRANSPORT_CLOSE, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    }
  }

  @Test
  void concurrentGetClosesTheSession() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      CompletableFuture<HttpResponse<String>> first = Http.getAsync(server.pollingUrl(sid));
      CompletableFuture<HttpResponse<String>> second = Http.getAsync(server.pollingUrl(sid));
      // whichever GET the server reads second is refused; the held one is answered with CLOSE
      List<String> answers = new ArrayList<>(List.of(
          first.get(5, TimeUnit.SECONDS).statusCode() + ":" + first.get().body(),
          second.get(5, TimeUnit.SECONDS).statusCode() + ":" + second.get().body()));
      answers.sort(null);
      assertEquals(List.of("200:1", "400:"), answers);
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
      assertEquals(400, Http.get(server.pollingUrl(sid)).statusCode());
    }
  }

  @Test
  void serverCloseAnswersTheHeldGetWithClose() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUrl(sid));
      // held or not yet arrived, the GET carries the CLOSE (reference polling doClose / shouldClose)
      server.engine.session(sid).close();
      assertEquals("1", poll.get(5, TimeUnit.SECONDS).body());
      assertEquals(EngineCloseReason.FORCED_CLOSE, server.events.awaitClose(sid));
      assertFalse(server.engine.session(sid) != null);
    }
  }

  @Test
  void abortedGetIsATransportError() throws Exception {
    try (TestServer server = TestServer.start()) {
      String sid = Http.handshake(server);
      try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.port())) {
        raw.getOutputStream().write(("GET /engine.io/?EIO=4&transport=polling&sid=" + sid
            + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes());
        raw.getOutputStream().flush();
      }
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
    }
  }

  @Test
  void sendReturnsFalseWhenTheBufferIsFull() throws Exception {
    try (TestServer server = TestServer.start(b -> b.sendBufferSize(3))) {
      String sid = Http.handshake(server);
      EngineSocket socket = server.engine.session(sid);
      assertTrue(socket.send(EngineIoPacket.message("1")));
      assertTrue(socket.send(List.of(EngineIoPacket.message("2"), EngineIoPacket.message("3")), true));
      assertFalse(socket.isWritable());
      assertFalse(socket.send(EngineIoPacket.message("4")));
      assertEquals("41\u001e42\u001e43", Http.get(server.pollingUrl(sid)).body());
      assertTrue(socket.send(EngineIoPacket.message("5")));
    }
  }
}
