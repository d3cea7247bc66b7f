package dev.sio4j.examples.chat;

import dev.sio4j.engine.HttpExchange;
import dev.sio4j.engine.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serves the chat's own page, script and style sheet from the class path ({@code chat/}) on the Socket.IO server's
 * port: {@code /} is the chat, {@code /admin} the dashboard. The files are read once, at construction, and the pages
 * load the browser client that speaks the server's parser. Thread-safe.
 */
final class StaticFiles implements HttpHandler {
  private static final Map<String, String> ROUTES = Map.of(
      "/", "index.html",
      "/index.html", "index.html",
      "/admin", "admin.html",
      "/admin.html", "admin.html",
      "/app.js", "app.js",
      "/admin.js", "admin.js",
      "/style.css", "style.css");

  private final Map<String, byte[]> files;

  /**
   * @param browserBundle the browser client the pages load from the Socket.IO server's path: {@code socket.io.js}, or
   *     {@code socket.io.msgpack.min.js} for the msgpack parser
   */
  StaticFiles(String browserBundle) {
    files = Map.of(
        "index.html", page("index.html", browserBundle),
        "admin.html", page("admin.html", browserBundle),
        "app.js", read("app.js"),
        "admin.js", read("admin.js"),
        "style.css", read("style.css"));
  }

  @Override
  public boolean handle(HttpExchange exchange) {
    String file = ROUTES.get(exchange.path());
    if (file == null) {
      return false;
    }
    if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
      exchange.respond(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
      return true;
    }
    exchange.respond(200, Map.of(
        "Content-Type", contentType(file),
        "Cache-Control", "no-cache",
        "X-Content-Type-Options", "nosniff"),
        exchange.method().equals("HEAD") ? new byte[0] : files.get(file));
    return true;
  }

  private static String contentType(String file) {
    if (file.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (file.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    return "text/css; charset=utf-8";
  }

  private static byte[] page(String name, String browserBundle) {
    String html = new String(read(name), StandardCharsets.UTF_8);
    return html.replace("/socket.io/socket.io.js", "/socket.io/" + browserBundle).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream("chat/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource chat/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
