package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.HttpHandler;
import dev.sio4j.server.internal.clientfiles.ClientFilesHandler;
import dev.sio4j.testing.binding.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * HEAD (RFC 9110 section 9.3.2): the headers a GET would get, its Content-Length included, and no body; whether the
 * handler passes the GET's body or only declares its length.
 */
class HeadRequestTest {
  private static final byte[] PAGE = "<!doctype html><title>sio4j</title>".getBytes(StandardCharsets.UTF_8);

  /** Answers /page with the same body for GET and HEAD: the binding drops it for HEAD. */
  private static final HttpHandler PAGE_HANDLER = exchange -> {
    if (!exchange.path().equals("/page")) {
      return false;
    }
    exchange.respond(200, Map.of("Content-Type", "text/html"), PAGE);
    return true;
  };

  @Test
  void clientFileHeadKeepsTheGetLength() throws Exception {
    try (TestServer server = TestServer.start(b -> b, new ClientFilesHandler("/socket.io/", null))) {
      String url = "http://127.0.0.1:" + server.port() + "/socket.io/socket.io.js";
      for (String encoding : new String[] {"identity", "gzip"}) {
        HttpResponse<byte[]> get = Http.CLIENT.send(Http.request(url).header("Accept-Encoding", encoding).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode());
        assertTrue(get.body().length > 1000, "the client bundle");
        HttpResponse<byte[]> head = Http.CLIENT.send(Http.request(url).header("Accept-Encoding", encoding)
            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(get.body().length), head.headers().firstValue("content-length").orElseThrow(),
            encoding);
        assertEquals(get.headers().firstValue("etag"), head.headers().firstValue("etag"));
        assertEquals(get.headers().firstValue("content-type"), head.headers().firstValue("content-type"));
        assertEquals(get.headers().firstValue("content-encoding"), head.headers().firstValue("content-encoding"));
        assertEquals(0, head.body().length);
      }
    }
  }

  @Test
  void headSendsNoBodyOnAKeepAliveConnection() throws Exception {
    try (TestServer server = TestServer.start(b -> b, PAGE_HANDLER);
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // HEAD then GET on one connection: the GET's status line must follow the HEAD's headers at once
      out.write(("HEAD /page HTTP/1.1\r\nHost: x\r\n\r\nGET /page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String both = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      int second = both.indexOf("HTTP/1.1 200", 1);
      assertTrue(second > 0, both);
      String head = both.substring(0, second);
      assertTrue(head.toLowerCase().contains("content-length: " + PAGE.length + "\r\n"), head);
      assertTrue(head.endsWith("\r\n\r\n"), "no body after the HEAD's headers: " + head);
      assertTrue(both.endsWith(new String(PAGE, StandardCharsets.UTF_8)), both);
    }
  }

  @Test
  void headOnTheEnginePathIsABadHandshakeWithoutBody() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpResponse<String> head = Http.send(Http.request(server.url("transport=polling"))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(400, head.statusCode());
      String json = "{\"code\":2,\"message\":\"Bad handshake method\"}";
      assertEquals(String.valueOf(json.length()), head.headers().firstValue("content-length").orElseThrow());
      assertEquals("", head.body());
      assertEquals(0, server.engine.sessionCount());
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toByteArray();
  }
}
