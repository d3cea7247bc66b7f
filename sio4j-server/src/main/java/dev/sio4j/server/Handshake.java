package dev.sio4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The details of the connection that opened a socket ({@code socket.handshake} in the reference). Immutable.
 *
 * @param headers the request headers, names lower-cased
 * @param time when the session started, as the reference writes it (JavaScript's {@code new Date().toString()}, e.g.
 *     {@code Sun Nov 22 2026 03:43:05 GMT+0000 (Coordinated Universal Time)}, in the server's time zone); for a
 *     typed value use {@link #issuedAt()}
 * @param address the client's IP address: the direct peer's, or behind a trusted proxy the one its {@code X-Forwarded-For}
 *     names (see {@link ServerOptions.Builder#trustedProxies(TrustedProxies)})
 * @param xdomain whether the request was cross-origin (an {@code origin} header was sent)
 * @param secure whether the connection is TLS
 * @param issued when the session started (epoch milliseconds)
 * @param url the request URL (path and query)
 * @param query the query parameters
 * @param auth the auth object the client sent with its CONNECT packet ({@code {}} when none)
 */
public record Handshake(
    Map<String, List<String>> headers,
    String time,
    String address,
    boolean xdomain,
    boolean secure,
    long issued,
    String url,
    Map<String, List<String>> query,
    JsonNode auth) {

  /** Makes the maps unmodifiable copies. */
  public Handshake {
    headers = Map.copyOf(headers);
    query = Map.copyOf(query);
  }

  /** When the session started, as an instant ({@link #issued()} in epoch milliseconds). */
  public Instant issuedAt() {
    return Instant.ofEpochMilli(issued);
  }

  /** The first value of header {@code name} (case-insensitive), or {@code null}. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of query parameter {@code name}, or {@code null}. */
  public String queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
