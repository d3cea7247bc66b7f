package dev.sio4j.client;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Objects;

/**
 * The proxy a manager's connections go through, long-polling and WebSocket alike: an HTTP proxy (requests to
 * {@code http} servers are forwarded, {@code https} and {@code wss} ones tunnelled with {@code CONNECT}; RFC 9110,
 * section 9.3.6), optionally with Basic credentials answering the proxy's 407 challenge, or a SOCKS5 proxy (RFC
 * 1928), optionally with a username and password (RFC 1929), which resolves the server's host name itself.
 * Immutable and thread-safe; give it to {@link ClientOptions.Builder#proxy(ProxyOptions)}.
 *
 * <p>For anything else (a proxy selector, another authentication scheme) configure an OkHttpClient and pass it to
 * {@link ClientOptions.Builder#httpClient}.
 */
public final class ProxyOptions {
  private final Proxy.Type type;
  private final String host;
  private final int port;
  private final String username;
  private final String password;

  private ProxyOptions(Proxy.Type type, String host, int port, String username, String password) {
    this.type = type;
    this.host = Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.port = port;
    this.username = username;
    this.password = password;
  }

  /** An HTTP proxy at {@code host:port}. */
  public static ProxyOptions http(String host, int port) {
    return new ProxyOptions(Proxy.Type.HTTP, host, port, null, null);
  }

  /** A SOCKS5 proxy at {@code host:port}, without authentication (see {@link #withCredentials}). */
  public static ProxyOptions socks(String host, int port) {
    return new ProxyOptions(Proxy.Type.SOCKS, host, port, null, null);
  }

  /**
   * These options with credentials. For an HTTP proxy, Basic credentials (RFC 7617) for a proxy that asks for them (a
   * 407 response with a {@code Proxy-Authenticate} challenge); they are sent on the retried request only. For a
   * SOCKS5 proxy, username/password authentication (RFC 1929), offered beside no authentication and used when the
   * proxy chooses it; each at most 255 bytes in UTF-8.
   */
  public ProxyOptions withCredentials(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (type == Proxy.Type.SOCKS && (utf8Length(username) > 255 || utf8Length(password) > 255)) {
      throw new IllegalArgumentException("SOCKS5 username and password are at most 255 bytes each (RFC 1929)");
    }
    return new ProxyOptions(type, host, port, username, password);
  }

  private static int utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** {@link Proxy.Type#HTTP} or {@link Proxy.Type#SOCKS}. */
  public Proxy.Type type() {
    return type;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The proxy user, or {@code null} without credentials. */
  public String username() {
    return username;
  }

  /** The proxy password, or {@code null} without credentials. */
  public String password() {
    return password;
  }

  /** The JDK proxy; its address is resolved when a connection is made. */
  public Proxy toProxy() {
    return new Proxy(type, InetSocketAddress.createUnresolved(host, port));
  }

  @Override
  public String toString() {
    return type + " proxy " + host + ":" + port + (username == null ? "" : " as " + username);
  }
}
