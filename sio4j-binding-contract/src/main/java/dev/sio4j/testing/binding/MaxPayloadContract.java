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

}
