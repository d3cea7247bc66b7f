package dev.sio4j.server.internal.clientfiles;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.HttpExchange;
import dev.sio4j.engine.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the official browser client (the {@code dist/} files of the npm package {@code socket.io-client}) under the
 * server's path, as the reference does when {@code serveClient} is on: {@code <path>socket.io.js}, {@code .min.js},
 * {@code .esm.min.js}, {@code .msgpack.min.js} and each {@code .map}.
 *
 * <p>Headers follow {@code packages/socket.io/lib/index.ts} ({@code serve}, {@code sendFile}): {@code ETag} is the
 * quoted client version, a matching {@code If-None-Match} (strong or weak) gets 304; {@code Cache-Control: public,
 * max-age=0}; {@code application/javascript} or, for maps, {@code application/json}, both UTF-8; the body in brotli,
 * gzip or deflate when {@code Accept-Encoding} allows it. Unlike the reference, the compressed forms are made once at
 * build time (see {@code src/build/client-dist.js}), never per request, and responses carry {@code Vary:
 * Accept-Encoding} so that shared caches keep the codings apart.
 *
 * <p>Lifecycle: created by the Socket.IO server when it contributes its handlers to a binding; the constructor reads
 * every file from the class path (on the caller's thread, so that requests never do I/O on an event loop) and keeps
 * them in memory, about 2 MB for all files and codings. Immutable and thread-safe;
 * binding-independent (works with any {@link HttpExchange}). If the build step did not run (the files are missing from
 * the class path), the handler logs one warning and declines every request.
 */
public final class ClientFilesHandler implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(ClientFilesHandler.class);

  /** Where the build step puts the files, relative to the class-path root. */
  static final String RESOURCE_FOLDER = "dev/sio4j/server/internal/clientfiles/dist/";

  /** The files the reference answers (packages/socket.io/lib/index.ts, CLIENT_FILES). */
  public static final Set<String> FILES = Set.of(
      "socket.io.js", "socket.io.js.map",
      "socket.io.min.js", "socket.io.min.js.map",
      "socket.io.esm.min.js", "socket.io.esm.min.js.map",
      "socket.io.msgpack.min.js", "socket.io.msgpack.min.js.map");

  private final String prefix;
  private final CorsOptions cors;
  private final String version;
  private final String etag;
  private final String weakEtag;
  private final Map<String, ClientFile> files;

  /**
   * @param path the server's path, with or without its trailing slash (the reference's default is {@code /socket.io})
   * @param cors the engine's CORS settings, applied to these files as the reference applies its {@code cors}
   *     middleware to them (needed by a cross-origin {@code import} of the ESM build); {@code null} for none
   */
  public ClientFilesHandler(String path, CorsOptions cors) {
    this(path, cors, ClientFilesHandler.class.getClassLoader());
  }

  ClientFilesHandler(String path, CorsOptions cors, ClassLoader loader) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    this.prefix = path.endsWith("/") ? path : path + "/";
    this.cors = cors;
    String found = null;
    Map<String, ClientFile> loaded = Map.of();
    if (loader.getResource(RESOURCE_FOLDER + "VERSION") != null) {
      found = new String(ClientFile.read(loader, RESOURCE_FOLDER + "VERSION"), StandardCharsets.US_ASCII).trim();
      loaded = new HashMap<>();
      for (String name : FILES) {
        loaded.put(name, ClientFile.load(loader, RESOURCE_FOLDER, name));
      }
    } else {
      log.warn("The browser client files are not on the class path; {}socket.io.js will not be served", prefix);
    }
    this.version = found;
    this.files = Map.copyOf(loaded);
    // RFC 9110 §8.8.3: an entity tag is quoted; the reference uses the client version.
    this.etag = '"' + (found == null ? "" : found) + '"';
    this.weakEtag = "W/" + etag;
  }

  /** The version of the served client (its ETag without quotes), or {@code null} when the files are missing. */
  public String clientVersion() {
    return version;
  }

  @Override
  public boolean handle(HttpExchange exchange) {
    String path = exchange.path();
    if (version == null || !path.startsWith(prefix)) {
      return false;
    }
    String name = path.substring(prefix.length());
    if (!FILES.contains(name)) {
      return false;
    }
    String method = exchange.method();
    if (method.equals("OPTIONS")) {
      return false; // a CORS preflight: the engine answers it under its path, with the same CORS settings
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.respond(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
      return true;
    }
    Map<String, String> headers = corsHeaders(exchange);
    headers.put("Cache-Control", "public, max-age=0");
    headers.put("ETag", etag);
    headers.merge("Vary", "Accept-Encoding", (x, y) -> x + ", " + y);
    if (matches(exchange.header("If-None-Match"))) {
      // RFC 9110 §15.4.5: a 304 repeats the validators, caching headers and Vary a 200 would carry.
      exchange.respond(304, headers, new byte[0]);
      return true;
    }
    ClientFile file = files.get(name);
    ContentCoding coding = ContentCoding.negotiate(exchange.header("Accept-Encoding"));
    headers.put("Content-Type", file.contentType());
    if (coding.token() != null) {
      headers.put("Content-Encoding", coding.token());
    }
    byte[] body = file.body(coding);
    if (method.equals("HEAD")) {
      // the GET's length without its body (HttpExchange.respond)
      headers.put("Content-Length", Integer.toString(body.length));
    }
    exchange.respond(200, headers, method.equals("HEAD") ? new byte[0] : body);
    return true;
  }

  /** The CORS headers for {@code exchange}'s origin, as the engine sends them; empty without CORS. */
  private Map<String, String> corsHeaders(HttpExchange exchange) {
    return cors == null ? new LinkedHashMap<>() : cors.responseHeaders(exchange.header("Origin"));
  }

  /** Whether {@code ifNoneMatch} names the served version (RFC 9110 §13.1.2: a list of tags, weak comparison). */
  private boolean matches(String ifNoneMatch) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals(weakEtag)) {
        return true;
      }
    }
    return false;
  }
}
