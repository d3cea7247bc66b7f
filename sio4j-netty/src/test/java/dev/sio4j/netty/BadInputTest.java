package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input closes only the offending session or connection: after each case a healthy WebSocket client and a
 * healthy polling client, opened before, still echo.
 */
class BadInputTest {
  private TestServer server;
  private WsClient healthyWs;
  private String healthyPolling;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(b -> b.maxPayload(1000));
    healthyWs = WsClient.connect(server.ws(""));
    healthyWs.handshake();
    healthyPolling = Http.handshake(server);
  }

  @AfterEach
  void checkHealthyClientsAndStop() throws Exception {
    try {
      healthyWs.send("4still here");
      assertEquals("4still here", healthyWs.next());
      assertEquals("ok", Http.post(server.pollingUrl(healthyPolling), "4me too").body());
      assertEquals("4me too", Http.get(server.pollingUrl(healthyPolling)).body());
    } finally {
      server.close();
    }
  }

  @Test
  void invalidBase64OverPolling() throws Exception {
    String sid = Http.handshake(server);
    assertEquals(400, Http.post(server.pollingUrl(sid), "b!!!notbase64").statusCode());
    assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
  }

  @Test
  void emptyPostBody() throws Exception {
    String sid = Http.handshake(server);
    assertEquals(400, Http.post(server.pollingUrl(sid), "").statusCode());
    assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid));
  }

  @Test
  void binaryContentTypeIsRefusedInV4() throws Exception {
    String sid = Http.handshake(server);
    HttpResponse<String> response = Http.send(Http.request(server.pollingUrl(sid))
        .header("Content-Type", "application/octet-stream")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {4, 1})).build());
    assertEquals(400, response.statusCode());
    assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
  }

  @Test
  void oversizedChunkedPostGets413() throws Exception {
    String sid = Http.handshake(server);
    // Over maxPayload (1000) but within what the binding drains before it closes (twice the limit): a client that
    // keeps sending past that is cut off, and may then see a reset instead of the 413.
    byte[] big = ("4" + "y".repeat(1_800)).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response = Http.send(Http.request(server.pollingUrl(sid))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
        .build());
    assertEquals(413, response.statusCode());
    assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
  }

  @Test
  void malformedWebSocketPackets() throws Exception {
    for (String bad : new String[] {"abc", "", "7", "b@@@"}) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send(bad);
      ws.awaitClose();
      assertEquals(EngineCloseReason.PARSE_ERROR, server.events.awaitClose(sid), bad);
    }
  }

  @Test
  void oversizedWebSocketFrame() throws Exception {
    WsClient ws = WsClient.connect(server.ws(""));
    String sid = ws.handshake();
    ws.sendBinary(new byte[5000]);
    assertEquals(1009, ws.awaitClose());
    assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
  }

  @Test
  void garbageHttpGets400AndOnlyThatConnectionCloses() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      OutputStream out = raw.getOutputStream();
      out.write("\u0001\u0002 GARBAGE / nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String answer = new String(raw.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    }
  }

  @Test
  void hugeRequestLineGets400() throws Exception {
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      OutputStream out = raw.getOutputStream();
      out.write(("GET /engine.io/?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = raw.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
    }
  }

  @Test
  void idleAndSlowConnectionsAreClosedButHeldGetsAndWebSocketsStay() throws Exception {
    try (TestServer quick = TestServer.startWith(b -> b.pingIntervalMillis(1_000).pingTimeoutMillis(1_000),
        n -> n.idleTimeout(java.time.Duration.ofMillis(300)))) {
      String sid = Http.handshake(quick);
      var held = Http.getAsync(quick.pollingUrl(sid));
      WsClient ws = WsClient.connect(quick.ws(""));
      ws.handshake();
      try (Socket slow = new Socket("127.0.0.1", quick.port())) {
        slow.getOutputStream().write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\n".getBytes());
        slow.getOutputStream().flush();
        // the headers never end: the connection is closed after the idle timeout
        assertEquals(-1, slow.getInputStream().read());
      }
      // the held GET outlived the idle timeout and is answered by the heartbeat
      assertEquals("2", held.get(5, java.util.concurrent.TimeUnit.SECONDS).body());
      assertEquals("2", ws.next());
      ws.send("3");
      ws.send("4alive");
      assertEquals("4alive", ws.next());
    }
  }

  /** Where the invalid sequence sits: alone, or after whole 8-byte words of ASCII and in the tail after them. */
  @ParameterizedTest
  @ValueSource(ints = {0, 7, 8, 21})
  void invalidUtf8InAWebSocketTextFrame(int asciiBefore) throws Exception {
    // a hand-made masked text frame holding 0xC3 0x28 (invalid UTF-8): the decoder closes with 1007
    try (Socket raw = new Socket("127.0.0.1", server.port())) {
      raw.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n"
          + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = raw.getInputStream();
      assertTrue(WebSocketTest.readHead(in).startsWith("HTTP/1.1 101"));
      // the OPEN packet: an unmasked text frame shorter than 126 bytes
      int first = in.read();
      int length = in.read();
      assertEquals(0x81, first);
      String sid = Http.sid(new String(in.readNBytes(length), StandardCharsets.UTF_8));
      byte[] mask = {1, 2, 3, 4};
      byte[] payload = new byte[1 + asciiBefore + 2];
      Arrays.fill(payload, (byte) 'a');
      payload[0] = '4';
      payload[1 + asciiBefore] = (byte) 0xC3;
      payload[2 + asciiBefore] = (byte) 0x28;
      byte[] frame = new byte[2 + 4 + payload.length];
      frame[0] = (byte) 0x81;
      frame[1] = (byte) (0x80 | payload.length);
      System.arraycopy(mask, 0, frame, 2, 4);
      for (int i = 0; i < payload.length; i++) {
        frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
      }
      raw.getOutputStream().write(frame);
      raw.getOutputStream().flush();
      assertEquals(EngineCloseReason.TRANSPORT_ERROR, server.events.awaitClose(sid));
    }
  }
}
