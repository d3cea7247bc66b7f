package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Engine.IO v3 on the wire (engine.io-protocol v3), with {@code allowEIO3} and an echoing listener: the handshake as
 * the reference sends it, length-prefixed text payloads, binary payloads both ways, base64 for a {@code b64} client,
 * the client-driven heartbeat, WebSocket frames, and the upgrade.
 */
class EngineIoV3Test {
  private static final Pattern OPEN = Pattern.compile(
      "(\\d+):0\\{\"sid\":\"([\\w-]{20})\",\"upgrades\":\\[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,"
          + "\"maxPayload\":1000000}");

  private static TestServer start() throws Exception {
    return TestServer.start(b -> b.allowEIO3(true).pingIntervalMillis(300).pingTimeoutMillis(200));
  }

  private static String url(TestServer server, String query) {
    return "http://127.0.0.1:" + server.port() + "/engine.io/?EIO=3&transport=polling" + query;
  }

  /** Opens a long-polling session; returns its id. */
  private static String handshake(TestServer server, String query) throws Exception {
    HttpResponse<String> response = Http.get(url(server, query));
    assertEquals(200, response.statusCode());
    Matcher open = OPEN.matcher(response.body());
    assertTrue(open.matches(), response.body());
    // the length counts the characters of the OPEN packet
    assertEquals(response.body().length() - open.group(1).length() - 1, Integer.parseInt(open.group(1)));
    return open.group(2);
  }

  private static HttpResponse<byte[]> getBytes(String url) throws Exception {
    return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void handshakeSendsTheReferenceFieldsIncludingMaxPayload() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      assertEquals(3, server.engine.session(sid).protocol());
    }
  }

  @Test
  void textPayloadsAreLengthPrefixed() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      assertEquals("ok", Http.post(url(server, "&sid=" + sid), "6:4hello2:4€").body());
      HttpResponse<String> echoed = Http.get(url(server, "&sid=" + sid));
      assertEquals("text/plain; charset=UTF-8", echoed.headers().firstValue("content-type").orElseThrow());
      assertEquals("6:4hello2:4€", echoed.body());
    }
  }

  @Test
  void binaryPayloadsBothWaysWhenTheClientTakesBinary() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      // engine.io-protocol v3, "Payload": <00 04 ff 34 e2 82 ac 01 05 ff 04 01 02 03 04>
      byte[] payload = {0x00, 0x04, (byte) 0xff, 0x34, (byte) 0xe2, (byte) 0x82, (byte) 0xac, 0x01, 0x05, (byte) 0xff,
          0x04, 0x01, 0x02, 0x03, 0x04};
      HttpResponse<String> ok = Http.send(Http.request(url(server, "&sid=" + sid))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build());
      assertEquals("ok", ok.body());
      assertEquals("message " + sid + " €", server.events.await("message"));
      assertEquals("binary " + sid + " 01020304", server.events.await("binary"));
      HttpResponse<byte[]> echoed = getBytes(url(server, "&sid=" + sid));
      assertEquals("application/octet-stream", echoed.headers().firstValue("content-type").orElseThrow());
      assertArrayEquals(payload, echoed.body());
    }
  }

  @Test
  void base64ForAClientThatSentB64() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "&b64=1");
      assertEquals("ok", Http.post(url(server, "&sid=" + sid), "2:4€10:b4AQIDBA==").body());
      assertEquals("binary " + sid + " 01020304", server.events.await("binary"));
      assertEquals("2:4€10:b4AQIDBA==", Http.get(url(server, "&sid=" + sid)).body());
    }
  }

  @Test
  void theClientPingsAndTheServerAnswers() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      for (int i = 0; i < 3; i++) {
        // within pingInterval + pingTimeout (500 ms) each time: the session stays open
        Thread.sleep(250);
        assertEquals("ok", Http.post(url(server, "&sid=" + sid), "1:2").body());
        assertEquals("1:3", Http.get(url(server, "&sid=" + sid)).body());
      }
      assertTrue(server.engine.session(sid).isOpen());
      // no ping for pingInterval + pingTimeout: timed out
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(sid));
    }
  }

  @Test
  void aPongFromTheClientIsAnError() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      CompletableFuture<HttpResponse<String>> held = Http.getAsync(url(server, "&sid=" + sid));
      Http.post(url(server, "&sid=" + sid), "1:3");
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
      // as the reference: a GET held when the error came carries the CLOSE; one the server reads after it (the two
      // requests race on separate connections) finds the session gone
      HttpResponse<String> answer = held.get();
      if (answer.statusCode() == 200) {
        assertEquals("1:1", answer.body());
      } else {
        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("Session ID unknown"), answer.body());
      }
    }
  }

  @Test
  void malformedPayloadClosesTheSession() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      assertEquals(400, Http.post(url(server, "&sid=" + sid), "9:4hello").statusCode());
      assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
    }
  }

  @Test
  void webSocketFramesBinaryWithTheTypeByte() throws Exception {
    try (TestServer server = start()) {
      WsClient ws = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port()
          + "/engine.io/?EIO=3&transport=websocket"));
      String sid = ws.handshake();
      ws.send("2");
      assertEquals("3", ws.next());
      ws.send("4hello");
      assertEquals("4hello", ws.next());
      ws.sendBinary(new byte[] {4, 1, 2});
      assertEquals("binary:040102", ws.next());
      assertEquals("binary " + sid + " 0102", server.events.await("binary"));
    }
  }

  @Test
  void webSocketBase64ForAClientThatSentB64() throws Exception {
    try (TestServer server = start()) {
      WsClient ws = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port()
          + "/engine.io/?EIO=3&transport=websocket&b64=1"));
      ws.handshake();
      ws.send("b4AQI=");
      assertEquals("b4AQI=", ws.next());
    }
  }

  @Test
  void upgradeWithProbeNoopAndUpgrade() throws Exception {
    try (TestServer server = start()) {
      String sid = handshake(server, "");
      WsClient ws = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port()
          + "/engine.io/?EIO=3&transport=websocket&sid=" + sid));
      ws.send("2probe");
      assertEquals("3probe", ws.next());
      // the held GET is ended with a NOOP, so that the client can pause polling
      assertEquals("1:6", Http.get(url(server, "&sid=" + sid)).body());
      ws.send("5");
      ws.send("4after");
      assertEquals("4after", ws.next());
      assertEquals("websocket", server.engine.session(sid).transport());
    }
  }
}
