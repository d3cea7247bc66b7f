package dev.sio4j.examples.nettysocketio;

import dev.sio4j.engine.HttpExchange;
import dev.sio4j.engine.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the chat's page ({@code nettysocketio/index.html} from the class path) at {@code /} on the Socket.IO server's
 * own port, next to the browser client the server serves at {@code /socket.io/socket.io.js}: the page and the
 * connection share one origin, so no CORS setting is needed. The file is read once. Thread-safe.
 */
final class ChatPage implements HttpHandler {
  private final byte[] page;

  ChatPage() {
    try (InputStream in = ChatPage.class.getClassLoader().getResourceAsStream("nettysocketio/index.html")) {
      if (in == null) {
        throw new IllegalStateException("missing class-path resource nettysocketio/index.html");
      }
      page = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean handle(HttpExchange exchange) {
    if (!exchange.path().equals("/") && !exchange.path().equals("/index.html")) {
      return false;
    }
    if (!exchange.method().equals("GET") && !exchange.method().equals("HEAD")) {
      exchange.respond(405, Map.of("Allow", "GET, HEAD"), new byte[0]);
      return true;
    }
    exchange.respond(200, Map.of(
        "Content-Type", "text/html; charset=utf-8",
        "Cache-Control", "no-cache",
        "X-Content-Type-Options", "nosniff"),
        exchange.method().equals("HEAD") ? new byte[0] : page);
    return true;
  }
}
