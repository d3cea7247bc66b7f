package dev.sio4j.client.internal;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectionOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Where an Engine.IO session lives: host, port, TLS, path, query and headers, and how each request's URI is built
 * (engine.io-protocol, "URLs": {@code /socket.io/?EIO=4&transport=polling&t=...&sid=...}).
 */
public final class Endpoint {
  private final boolean secure;
  private final String host;
  private final int port;
  private final String path;
  private final String baseQuery;
  private final Map<String, List<String>> headers;
  private final java.util.function.Supplier<Map<String, List<String>>> headerSupplier;
  private volatile Map<String, List<String>> askedHeaders = Collections.emptyMap();
  private final String timestampParam;
  private final int maxIncomingPacketSize;
  private final boolean perMessageDeflate;
  private final AtomicLong requestCounter = new AtomicLong();
  private final OkHttpClient client;
  private final OkHttpClient webSocketClient;

  /** {@code client} carries every request of the session (connection pool, TLS, proxy, cookies). */
  public Endpoint(URI uri, ClientOptions options, OkHttpClient client) {
    this(uri, options, client, client);
  }

  /** As {@link #Endpoint(URI, ClientOptions, OkHttpClient)}, WebSocket connections through {@code webSocketClient}. */
  public Endpoint(URI uri, ClientOptions options, OkHttpClient client, OkHttpClient webSocketClient) {
    this.client = client;
    this.webSocketClient = webSocketClient;
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    this.secure = scheme.equals("https") || scheme.equals("wss");
    if (!secure && !scheme.equals("http") && !scheme.equals("ws")) {
      throw new IllegalArgumentException("unsupported scheme: " + uri);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("URI has no host: " + uri);
    }
    this.host = uri.getHost();
    this.port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
    ConnectionOptions connection = options.connection();
    this.path = connection.addTrailingSlash() && !options.path().endsWith("/") ? options.path() + "/" : options.path();
    this.timestampParam = connection.timestampRequests() ? encode(connection.timestampParam()) : null;
    this.headerSupplier = connection.headers();
    StringBuilder q = new StringBuilder();
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      q.append('&').append(uri.getRawQuery());
    }
    options.query().forEach((k, v) -> q.append('&').append(encode(k)).append('=').append(encode(v)));
    this.baseQuery = q.toString();
    this.headers = options.extraHeaders();
    this.maxIncomingPacketSize = options.maxIncomingPacketSize();
    this.perMessageDeflate = options.perMessageDeflate();
  }

  public boolean secure() {
    return secure;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The HTTP client the long-polling requests of the session go through. */
  public OkHttpClient client() {
    return client;
  }

  /** The HTTP client the WebSocket connections of the session go through. */
  public OkHttpClient webSocketClient() {
    return webSocketClient;
  }

  /**
   * A request of {@code transport} for session {@code sid} (or none), with the user's extra headers. OkHttp sets
   * {@code Host}, keep-alive and, for a WebSocket, the upgrade headers itself.
   */
  public Request.Builder request(String transport, String sid) {
    Request.Builder b = new Request.Builder().url(httpUrl(transport, sid));
    headers.forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
    askedHeaders.forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
    return b;
  }

  /** Whether the user gave a header supplier, to ask before each connection opens. */
  public boolean asksHeaders() {
    return headerSupplier != null;
  }

  /**
   * Asks the user's header supplier again, before a connection opens; what it returns goes on the requests of that
   * connection. Its failure is the connection's.
   */
  public void askHeaders() {
    if (headerSupplier != null) {
      Map<String, List<String>> asked = headerSupplier.get();
      askedHeaders = asked == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(asked));
    }
  }

  private String httpUrl(String transport, String sid) {
    return (secure ? "https://" : "http://") + authority() + requestTarget(transport, sid);
  }

  private String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  public boolean perMessageDeflate() {
    return perMessageDeflate;
  }

  public int maxIncomingPacketSize() {
    return maxIncomingPacketSize;
  }

  /** The value of the {@code Host} header. */
  public String hostHeader() {
    boolean defaultPort = port == (secure ? 443 : 80);
    String h = host.contains(":") ? "[" + host + "]" : host;
    return defaultPort ? h : h + ":" + port;
  }

  /** The request target (path and query) of one request of {@code transport}, for session {@code sid} or none. */
  public String requestTarget(String transport, String sid) {
    StringBuilder b = new StringBuilder(path).append("?EIO=4&transport=").append(transport);
    if (transport.equals("polling") && timestampParam != null) {
      // A unique value per request defeats caches on the way, as the JS client's timestampRequests does.
      b.append('&').append(timestampParam).append('=').append(Long.toString(System.currentTimeMillis(), 36)).append('.')
          .append(requestCounter.incrementAndGet());
    }
    if (sid != null) {
      b.append("&sid=").append(encode(sid));
    }
    return b.append(baseQuery).toString();
  }

  /** The WebSocket URI for session {@code sid} (or none). */
  public URI webSocketUri(String sid) {
    return URI.create((secure ? "wss://" : "ws://") + authority() + requestTarget("websocket", sid));
  }

  private static String encode(String s) {
    try {
      return URLEncoder.encode(s, "UTF-8");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException("every JVM has UTF-8", e);
    }
  }
}
