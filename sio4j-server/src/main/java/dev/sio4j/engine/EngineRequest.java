package dev.sio4j.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of the HTTP request that opened a session (the handshake): what Socket.IO exposes as
 * {@code socket.handshake}. Immutable.
 *
 * @param method the HTTP method
 * @param uri the request target as received (path and query)
 * @param headers the headers, names lower-cased, values in the order received
 * @param query the decoded query parameters, in the order received
 * @param remoteAddress the peer's address
 * @param secure whether the connection is TLS
 * @param timeMillis when the request arrived (epoch milliseconds)
 */
public record EngineRequest(
    String method,
    String uri,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    InetSocketAddress remoteAddress,
    boolean secure,
    long timeMillis) {

  /** Makes the maps unmodifiable copies. */
  public EngineRequest {
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
  }

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of query parameter {@code name}, or {@code null}. */
  public String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
