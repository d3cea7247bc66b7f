package dev.sio4j.engine.internal;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers Engine.IO HTTP requests with the headers the reference adds: CORS (when configured), {@code cache-control:
 * no-store}, the headers hook, compression of large long-polling bodies. Thread-safe (stateless).
 */
class ResponseWriter {
  private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);

  private final EngineOptions options;
  private final RequestStrings strings;

  ResponseWriter(EngineOptions options, RequestStrings strings) {
    this.strings = strings;
    this.options = options;
  }

  /** The CORS headers of a non-preflight response to {@code exchange}; empty when CORS is off. */
  Map<String, String> corsHeaders(HttpExchange exchange) {
    CorsOptions cors = options.cors();
    return cors == null ? new LinkedHashMap<>() : cors.responseHeaders(exchange.header("origin"));
  }

  /** Answers a CORS preflight (OPTIONS) with 204, as the {@code cors} package does. */
  void preflight(HttpExchange exchange) {
    CorsOptions cors = options.cors();
    Map<String, String> headers = corsHeaders(exchange);
    headers.put("Access-Control-Allow-Methods", cors.methods());
    String allowHeaders = cors.allowedHeaders() != null ? cors.allowedHeaders()
        : exchange.header("access-control-request-headers");
    if (cors.allowedHeaders() == null) {
      // the cors package varies on the requested headers whenever it reflects them, even when none were asked
      headers.merge("Vary", "Access-Control-Request-Headers", (a, b) -> a + ", " + b);
    }
    if (allowHeaders != null && !allowHeaders.isEmpty()) {
      headers.put("Access-Control-Allow-Headers", allowHeaders);
    }
    if (cors.maxAgeSeconds() >= 0) {
      headers.put("Access-Control-Max-Age", Long.toString(cors.maxAgeSeconds()));
    }
    send(exchange, 204, headers, new byte[0]);
  }

  /** Answers with the protocol error {@code error} as JSON (HTTP 400, or 403 for FORBIDDEN). */
  void error(HttpExchange exchange, EngineError error, String message) {
    error(exchange, error.status, error, message);
  }

  /** Answers with status {@code status} and the JSON body of {@code error}. */
  void error(HttpExchange exchange, int status, EngineError error, String message) {
    Map<String, String> headers = corsHeaders(exchange);
    headers.put("Content-Type", "application/json");
    send(exchange, status, headers, error.json(message).getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with exactly these headers (plus CORS). */
  void raw(HttpExchange exchange, int status, Map<String, String> extra, byte[] body) {
    Map<String, String> headers = corsHeaders(exchange);
    headers.putAll(extra);
    send(exchange, status, headers, body);
  }

  /** Answers with exactly these headers, without CORS (an answer the reference writes on the raw socket). */
  void bare(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) {
    send(exchange, status, new LinkedHashMap<>(headers), body);
  }

  /**
   * Answers a long-polling request: the reference's polling headers, the headers hooks (the initial one for the
   * handshake, when {@code handshakeHeaders} is given), compression when allowed and worth it.
   */
  void respond(HttpExchange exchange, int status, String contentType, byte[] body, boolean compress,
      EngineRequest request) {
    respond(exchange, status, contentType, body, compress, request, null);
  }

  void respond(HttpExchange exchange, int status, String contentType, byte[] body, boolean compress,
      EngineRequest request, Map<String, String> handshakeHeaders) {
    Map<String, String> headers = corsHeaders(exchange);
    headers.put("Content-Type", contentType);
    String agent = exchange.header("user-agent");
    if (agent != null && (agent.contains(";MSIE") || agent.contains("Trident/"))) {
      headers.put("X-XSS-Protection", "0");
    }
    headers.put("cache-control", "no-store");
    if (handshakeHeaders != null) {
      headers.putAll(handshakeHeaders);
    }
    applyHook(exchange, headers);
    if (compress && options.httpCompression() && body.length >= options.httpCompressionThreshold()) {
      String encoding = HttpCompression.negotiate(exchange.header("accept-encoding"));
      if (encoding != null) {
        body = HttpCompression.compress(body, encoding);
        headers.put("Content-Encoding", encoding);
      }
    }
    send(exchange, status, headers, body);
  }

  /** Runs the {@code headers} hook on {@code headers} for {@code exchange}. */
  void applyHook(HttpExchange exchange, Map<String, String> headers) {
    if (options.headers() != null) {
      try {
        options.headers().onHeaders(Requests.of(exchange, strings), headers);
      } catch (RuntimeException e) {
        log.error("headers hook failed", e);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) {
    try {
      exchange.respond(status, headers, body);
    } catch (RuntimeException e) {
      log.debug("could not answer {}", exchange.uri(), e);
    }
  }
}
