package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** maxPayload: a longer POST body is answered 413, a longer WebSocket message closes with 1009. */
public abstract class MaxPayloadContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();

  @Test
  void pollingBodyOverTheLimitIs413() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.maxPayload(1000))) {
      String sid = Http.handshake(server);
      HttpResponse<String> response = Http.post(server.pollingUrl(sid), "4" + "x".repeat(5000));
      assertEquals(413, response.statusCode());
      // a body within the limit still goes through on a new session
      String other = Http.handshake(server);
      assertEquals(200, Http.post(server.pollingUrl(other), "4" + "y".repeat(900)).statusCode());
    }
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.maxPayload(1000))) {
      String sid = Http.handshake(server);
      // no Content-Length: the limit is found while reading (HTTP/1.1 chunked, RFC 9112 section 7.1)
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(5000);
        String chunk = "x".repeat(600);
        String request = "POST /engine.io/?EIO=4&transport=polling&sid=" + sid + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "1\r\n4\r\n" + "258\r\n" + chunk + "\r\n" + "258\r\n" + chunk + "\r\n0\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
            .readLine();
        assertEquals("HTTP/1.1 413 ", status.substring(0, 13));
      }
    }
  }

  @Test
  void webSocketMessageOverTheLimitCloses1009() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.maxPayload(1000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      ws.send("4" + "y".repeat(900));
      assertEquals("4" + "y".repeat(900), ws.next());
      ws.send("4" + "x".repeat(5000));
      assertEquals(1009, ws.awaitClose());
      EngineCloseReason reason = server.events.awaitClose(sid);
      assertTrue(reason == EngineCloseReason.TRANSPORT_ERROR || reason == EngineCloseReason.TRANSPORT_CLOSE,
          reason.toString());
    }
  }

  @Test
  void binaryMessageOverTheLimitCloses1009() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.maxPayload(1000))) {
      WsClient ws = WsClient.connect(server.ws(""));
      ws.handshake();
      ws.sendBinary(new byte[20_000]);
      assertEquals(1009, ws.awaitClose());
    }
  }

  @Test
  void messagesUpToADefaultLimitArriveWhole() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      server.events.echo = false;
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      String big = "z".repeat(200_000);
      ws.send("4" + big);
      assertEquals("message " + sid + " " + big, server.events.await("message"));
    }
  }

  /**
   * Text and binary messages of many lengths, one after another on one connection, each arrive whole and come back
   * whole: around the lengths at which a container hands a message over in parts (2 K and 8 K characters or bytes),
   * with characters of one to four UTF-8 bytes (a surrogate pair) falling on every boundary.
   */
  @Test
  void textAndBinaryMessagesOfManyLengthsArriveWhole() throws Exception {
    try (BindingServer server = BindingServer.start(starter())) {
      WsClient ws = WsClient.connect(server.ws(""));
      String sid = ws.handshake();
      String[] units = {"a", "\u00e9", "\u20ac", "\ud83d\ude00"};
      Random random = new Random(7);
      for (int length : new int[] {2, 2047, 2048, 2049, 4095, 4097, 8191, 8192, 8193, 20_000, 70_001}) {
        StringBuilder text = new StringBuilder("4");
        while (text.length() < length) {
          text.append(units[random.nextInt(units.length)]);
        }
        ws.send(text.toString());
        assertEquals("message " + sid + " " + text.substring(1), server.events.await("message"));
        assertEquals(text.toString(), ws.next());

        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        ws.sendBinary(bytes);
        String hex = HexFormat.of().formatHex(bytes);
        assertEquals("binary " + sid + " " + hex, server.events.await("binary"));
        assertEquals("binary:" + hex, ws.next());
      }
    }
  }

}
