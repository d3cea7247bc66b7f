package dev.sio4j.admin;

import dev.sio4j.engine.HttpExchange;
import dev.sio4j.engine.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the official Admin UI's page (the {@code ui/dist} folder of {@code @socket.io/admin-ui}, taken from the npm
 * package at build time) under a path, so that users need no other host: {@code <path>/} is its {@code index.html},
 * {@code <path>/js/...}, {@code css/...}, {@code img/...} its assets, and {@code <path>} redirects to {@code <path>/}.
 * Add it to the server with {@code ServerOptions.builder().httpHandler(SocketIoAdmin.uiHandler("/admin"))}.
 *
 * <p>Only the files of the package are served ({@code GET} and {@code HEAD}); anything else under the path is left
 * to the next handler. Files are read from the class path once, then kept. Thread-safe.
 */
public final class AdminUiHandler implements HttpHandler {
  private static final String BASE = "/dev/sio4j/admin/ui/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "application/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "png", "image/png",
      "svg", "image/svg+xml",
      "ico", "image/x-icon",
      "json", "application/json");

  private final String path;
  private final Set<String> files;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  AdminUiHandler(String path) {
    if (path == null || !path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("path must start with / and not end with /: " + path);
    }
    this.path = path;
    this.files = listFiles();
  }

  /** Whether the UI's files are on the class path (false in a build made with {@code -Dsio4j.skipAdminUi}). */
  public boolean available() {
    return files.contains("index.html");
  }

  @Override
  public boolean handle(HttpExchange exchange) {
    String requested = exchange.path();
    if (!requested.equals(path) && !requested.startsWith(path + "/")) {
      return false;
    }
    String method = exchange.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    if (requested.equals(path)) {
      // the page's assets are relative: the page must be at <path>/
      exchange.respond(301, Map.of("Location", path + "/"), new byte[0]);
      return true;
    }
    String name = requested.substring(path.length() + 1);
    if (name.isEmpty()) {
      name = "index.html";
    }
    if (!files.contains(name)) {
      return false;
    }
    byte[] body = cache.computeIfAbsent(name, AdminUiHandler::read);
    String extension = name.substring(name.lastIndexOf('.') + 1);
    // the assets' names carry a content hash; the page itself is checked again each time
    String cacheControl = name.equals("index.html") ? "no-cache" : "public, max-age=31536000, immutable";
    exchange.respond(200, Map.of(
        "Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"),
        "Cache-Control", cacheControl,
        "X-Content-Type-Options", "nosniff"), method.equals("HEAD") ? new byte[0] : body);
    return true;
  }

  private static Set<String> listFiles() {
    try (InputStream in = AdminUiHandler.class.getResourceAsStream(BASE + "FILES")) {
      if (in == null) {
        return Set.of();
      }
      return Set.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
          .toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(String name) {
    try (InputStream in = AdminUiHandler.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("Admin UI file missing from the class path: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
