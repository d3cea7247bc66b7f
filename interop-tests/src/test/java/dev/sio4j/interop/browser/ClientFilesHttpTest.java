package dev.sio4j.interop.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The official browser client served by a {@link SocketIoServer} on the embedded Netty server: the reference's
 * headers over real HTTP, the {@code serveClient} switch, and each bundle loaded and connecting in Chromium.
 */
class ClientFilesHttpTest {
  private static final Path NODE_DIST = Paths.get("..", "node", "node_modules", "socket.io-client", "dist");

  private final HttpClient http = HttpClient.newHttpClient();
  private SocketIoServer io;
  private String base;

  private void start(ServerOptions options) {
    io = SocketIoServer.create(options);
    io.onConnection(socket -> socket.on("echo", event -> event.ack(event.args())));
    base = "http://127.0.0.1:" + io.listen(0).address().getPort();
  }

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesTheNpmFilesWithTheReferenceHeaders() throws Exception {
    start(ServerOptions.defaults());
    HttpResponse<byte[]> js = get("/socket.io/socket.io.js");
    assertEquals(200, js.statusCode());
    assertEquals("application/javascript; charset=utf-8", js.headers().firstValue("content-type").orElseThrow());
    assertEquals("public, max-age=0", js.headers().firstValue("cache-control").orElseThrow());
    String etag = js.headers().firstValue("etag").orElseThrow();
    assertTrue(etag.matches("\"4\\.8\\.\\d+\""), etag);
    assertEquals(js.body().length, Integer.parseInt(js.headers().firstValue("content-length").orElseThrow()));
    if (Files.exists(NODE_DIST)) {
      assertArrayEquals(Files.readAllBytes(NODE_DIST.resolve("socket.io.js")), js.body());
    }

    assertEquals(304, get("/socket.io/socket.io.js", "If-None-Match", etag).statusCode());
    assertEquals(304, get("/socket.io/socket.io.min.js", "If-None-Match", "W/" + etag).statusCode());

    HttpResponse<byte[]> gzip = get("/socket.io/socket.io.js", "Accept-Encoding", "gzip");
    assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElseThrow());
    assertArrayEquals(js.body(), new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes());
    HttpResponse<byte[]> br = get("/socket.io/socket.io.js", "Accept-Encoding", "gzip, deflate, br");
    assertEquals("br", br.headers().firstValue("content-encoding").orElseThrow());

    for (String name : new String[] {"socket.io.min.js", "socket.io.esm.min.js", "socket.io.msgpack.min.js"}) {
      assertEquals(200, get("/socket.io/" + name).statusCode(), name);
      HttpResponse<byte[]> map = get("/socket.io/" + name + ".map");
      assertEquals(200, map.statusCode(), name + ".map");
      assertEquals("application/json; charset=utf-8", map.headers().firstValue("content-type").orElseThrow());
    }
    assertEquals(404, get("/socket.io/nope.js").statusCode());
  }

  @Test
  void serveClientOffLeavesThePathsToTheEngine() throws Exception {
    start(ServerOptions.builder().serveClient(false).build());
    assertTrue(get("/socket.io/socket.io.js").statusCode() >= 400);
  }

  @Test
  void eachBundleConnectsFromChromium() {
    HttpHandler page = exchange -> {
      String html = switch (exchange.path()) {
        case "/classic" -> "<script src='/socket.io/socket.io.js'></script><script src='/run.js'></script>";
        case "/min" -> "<script src='/socket.io/socket.io.min.js'></script><script src='/run.js'></script>";
        case "/esm" -> "<script type=module>import { io } from '/socket.io/socket.io.esm.min.js';"
            + " window.io = io; const s = document.createElement('script'); s.src = '/run.js';"
            + " document.body.appendChild(s);</script>";
        default -> null;
      };
      if (html == null && exchange.path().equals("/run.js")) {
        byte[] js = ("io().emit('echo', 'round trip', new Uint8Array([1, 2, 3]).buffer,"
            + " (text, bin) => { document.title = text + ' ' + new Uint8Array(bin).join(','); });")
            .getBytes(StandardCharsets.UTF_8);
        exchange.respond(200, Map.of("Content-Type", "text/javascript"), js);
        return true;
      }
      if (html == null) {
        return false;
      }
      exchange.respond(200, Map.of("Content-Type", "text/html; charset=utf-8"),
          ("<!doctype html><body>" + html + "</body>").getBytes(StandardCharsets.UTF_8));
      return true;
    };
    start(ServerOptions.builder().httpHandler(page).build());
    try (Chromium chromium = Chromium.launch()) {
      for (String bundle : new String[] {"classic", "min", "esm"}) {
        Page tab = chromium.newPage();
        tab.navigate(base + "/" + bundle);
        assertThat(tab).hasTitle("round trip 1,2,3");
        tab.close();
      }
    }
  }
}
