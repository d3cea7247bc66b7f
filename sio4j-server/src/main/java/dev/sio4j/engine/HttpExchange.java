package dev.sio4j.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One plain HTTP request and its response, independent of the server that carries it (Netty, a Servlet container).
 * A transport binding creates one per request; exactly one {@code respond} call answers it, from any thread.
 */
public interface HttpExchange {

  /** The HTTP method, upper case. */
  String method();

  /** The request target as received (path and query). */
  String uri();

  /** The decoded path, without the query. */
  String path();

  /** The decoded query parameters, in the order received. */
  Map<String, List<String>> queryParameters();

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  String header(String name);

  /** All headers, names lower-cased. */
  Map<String, List<String>> headers();

  /** The peer's address. */
  InetSocketAddress remoteAddress();

  /** Whether the connection is TLS. */
  boolean secure();

  /** The request body (empty when there is none, or when it was over the binding's limit). */
  byte[] body();

  /**
   * Whether the body was longer than the limit the binding was given (the engine's maxPayload): it was then
   * discarded, and the engine answers 413. Bindings that do not cap bodies keep the default, false.
   */
  default boolean bodyTooLarge() {
    return false;
  }

  /**
   * Runs {@code callback} if the connection closes before this exchange was answered (a long-polling GET the client
   * gave up on). Run at most once, from any thread; never after {@code respond}. The default never runs it.
   */
  default void onAbort(Runnable callback) {}

  /**
   * Sends the response.
   *
   * @param status the HTTP status code
   * @param headers response headers (the binding adds Content-Length)
   * @param body the body, possibly empty
   */
  void respond(int status, Map<String, String> headers, byte[] body);
}
