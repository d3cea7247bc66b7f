package dev.sio4j.server.internal.clientfiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.CorsOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientFilesHandlerTest {
  /** The same package the Node peers use (node/package.json pins socket.io-client 4.8.4). */
  private static final Path NODE_DIST = Paths.get("..", "node", "node_modules", "socket.io-client", "dist");

  private final ClientFilesHandler handler = new ClientFilesHandler("/socket.io/", null);

  private RecordedExchange get(String path) {
    RecordedExchange exchange = new RecordedExchange("GET", path);
    return exchange;
  }

  private RecordedExchange serve(RecordedExchange exchange) {
    assertTrue(handler.handle(exchange), "handled " + exchange.path());
    return exchange;
  }

  @Test
  void servesTheVersionOfTheNpmPackage() throws IOException {
    assertTrue(handler.clientVersion().startsWith("4.8."), handler.clientVersion());
    Path pkg = NODE_DIST.resolveSibling("package.json");
    if (Files.exists(pkg)) {
      assertTrue(Files.readString(pkg).contains("\"version\": \"" + handler.clientVersion() + "\""));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket.io.js", "socket.io.min.js", "socket.io.esm.min.js", "socket.io.msgpack.min.js"})
  void servesEachBundleWithTheReferenceHeaders(String name) throws IOException {
    RecordedExchange exchange = serve(get("/socket.io/" + name));
    assertEquals(200, exchange.status);
    assertEquals("application/javascript; charset=utf-8", exchange.responseHeaders.get("Content-Type"));
    assertEquals("public, max-age=0", exchange.responseHeaders.get("Cache-Control"));
    assertEquals('"' + handler.clientVersion() + '"', exchange.responseHeaders.get("ETag"));
    assertNull(exchange.responseHeaders.get("Content-Encoding"));
    if (Files.exists(NODE_DIST.resolve(name))) {
      assertArrayEquals(Files.readAllBytes(NODE_DIST.resolve(name)), exchange.responseBody, "the official file");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"socket.io.js.map", "socket.io.min.js.map", "socket.io.esm.min.js.map",
      "socket.io.msgpack.min.js.map"})
  void servesEachSourceMapAsJson(String name) {
    RecordedExchange exchange = serve(get("/socket.io/" + name));
    assertEquals(200, exchange.status);
    assertEquals("application/json; charset=utf-8", exchange.responseHeaders.get("Content-Type"));
    assertTrue(new String(exchange.responseBody, java.nio.charset.StandardCharsets.UTF_8).startsWith("{"));
  }

  @Test
  void answers304ToAStrongOrWeakMatchingEtag() {
    String etag = '"' + handler.clientVersion() + '"';
    for (String value : new String[] {etag, "W/" + etag, "\"0.0.1\", " + etag}) {
      RecordedExchange exchange = serve(get("/socket.io/socket.io.min.js").with("If-None-Match", value));
      assertEquals(304, exchange.status, value);
      assertEquals(0, exchange.responseBody.length);
      assertEquals(etag, exchange.responseHeaders.get("ETag"));
    }
    RecordedExchange stale = serve(get("/socket.io/socket.io.min.js").with("If-None-Match", "\"4.0.0\""));
    assertEquals(200, stale.status);
  }

  @Test
  void gzipAndDeflateBodiesDecodeToTheFile() throws IOException {
    byte[] identity = serve(get("/socket.io/socket.io.js")).responseBody;

    RecordedExchange gzip = serve(get("/socket.io/socket.io.js").with("Accept-Encoding", "gzip"));
    assertEquals("gzip", gzip.responseHeaders.get("Content-Encoding"));
    assertEquals("Accept-Encoding", gzip.responseHeaders.get("Vary"));
    assertArrayEquals(identity, new GZIPInputStream(new ByteArrayInputStream(gzip.responseBody)).readAllBytes());

    RecordedExchange deflate = serve(get("/socket.io/socket.io.js").with("Accept-Encoding", "deflate"));
    assertEquals("deflate", deflate.responseHeaders.get("Content-Encoding"));
    assertArrayEquals(identity,
        new InflaterInputStream(new ByteArrayInputStream(deflate.responseBody)).readAllBytes());
  }

  @Test
  void prefersBrotliAsTheReferenceDoes() {
    RecordedExchange browser = serve(get("/socket.io/socket.io.js").with("Accept-Encoding", "gzip, deflate, br, zstd"));
    assertEquals("br", browser.responseHeaders.get("Content-Encoding"));
    byte[] identity = serve(get("/socket.io/socket.io.js")).responseBody;
    assertTrue(browser.responseBody.length > 0 && browser.responseBody.length < identity.length);
  }

  @Test
  void negotiatesByWeight() {
    assertEquals(ContentCoding.GZIP, ContentCoding.negotiate("br;q=0.1, gzip;q=0.5"));
    assertEquals(ContentCoding.GZIP, ContentCoding.negotiate("br;q=0, *"));
    assertEquals(ContentCoding.BR, ContentCoding.negotiate("*"));
    assertEquals(ContentCoding.DEFLATE, ContentCoding.negotiate("deflate, gzip;q=0.9"));
    assertEquals(ContentCoding.IDENTITY, ContentCoding.negotiate("identity"));
    assertEquals(ContentCoding.IDENTITY, ContentCoding.negotiate("gzip;q=0, br;q=0, deflate;q=0"));
    assertEquals(ContentCoding.IDENTITY, ContentCoding.negotiate("gzip;q=bogus"));
    assertEquals(ContentCoding.IDENTITY, ContentCoding.negotiate(null));
    assertEquals(ContentCoding.GZIP, ContentCoding.negotiate("GZIP;Q=1"));
  }

  @Test
  void declinesOtherPaths() {
    for (String path : new String[] {"/socket.io/", "/socket.io/other.js", "/socket.io.js", "/", "/x/socket.io.js",
        "/socket.io/socket.io.js/x"}) {
      RecordedExchange exchange = get(path);
      assertFalse(handler.handle(exchange), path);
      assertEquals(-1, exchange.status);
    }
  }

  @Test
  void followsTheServerPath() {
    ClientFilesHandler custom = new ClientFilesHandler("/rt", null);
    RecordedExchange exchange = get("/rt/socket.io.min.js");
    assertTrue(custom.handle(exchange));
    assertEquals(200, exchange.status);
    assertFalse(custom.handle(get("/socket.io/socket.io.min.js")));
    assertThrows(IllegalArgumentException.class, () -> new ClientFilesHandler("socket.io", null));
  }

  @Test
  void refusesOtherMethodsAndAnswersHeadWithoutBody() {
    RecordedExchange post = serve(new RecordedExchange("POST", "/socket.io/socket.io.js"));
    assertEquals(405, post.status);
    RecordedExchange head = serve(new RecordedExchange("HEAD", "/socket.io/socket.io.js"));
    assertEquals(200, head.status);
    assertEquals(0, head.responseBody.length);
  }

  @Test
  void appliesTheEngineCorsSettingsAndLeavesPreflightsToTheEngine() {
    ClientFilesHandler withCors = new ClientFilesHandler("/socket.io/",
        CorsOptions.builder().origins(List.of("https://app.example")).build());
    RecordedExchange allowed = get("/socket.io/socket.io.esm.min.js").with("Origin", "https://app.example")
        .with("Accept-Encoding", "gzip");
    assertTrue(withCors.handle(allowed));
    assertEquals("https://app.example", allowed.responseHeaders.get("Access-Control-Allow-Origin"));
    assertEquals("Origin, Accept-Encoding", allowed.responseHeaders.get("Vary"));
    RecordedExchange other = get("/socket.io/socket.io.esm.min.js").with("Origin", "https://evil.example");
    assertTrue(withCors.handle(other));
    assertNull(other.responseHeaders.get("Access-Control-Allow-Origin"));
    assertFalse(withCors.handle(new RecordedExchange("OPTIONS", "/socket.io/socket.io.esm.min.js")));
    assertNull(serve(get("/socket.io/socket.io.js").with("Origin", "https://app.example"))
        .responseHeaders.get("Access-Control-Allow-Origin"), "no CORS unless configured");
  }

  @Test
  void declinesEverythingWhenTheFilesWereNotBuilt() throws IOException {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      ClientFilesHandler missing = new ClientFilesHandler("/socket.io/", null, empty);
      assertNull(missing.clientVersion());
      assertFalse(missing.handle(get("/socket.io/socket.io.js")));
    }
  }
}
