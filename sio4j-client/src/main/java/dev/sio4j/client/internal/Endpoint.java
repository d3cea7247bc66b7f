package dev.sio4j.client.internal;

import dev.sio4j.client.ClientOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

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
  private final SSLContext sslContext;
  private final int maxIncomingPacketSize;
  private final boolean perMessageDeflate;
  private final AtomicLong requestCounter = new AtomicLong();
  private final io.netty.resolver.AddressResolverGroup<?> resolver;

  public Endpoint(URI uri, ClientOptions options, io.netty.resolver.AddressResolverGroup<?> resolver) {
    this.resolver = resolver;
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
    this.path = options.path();
    StringBuilder q = new StringBuilder();
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      q.append('&').append(uri.getRawQuery());
    }
    options.query().forEach((k, v) -> q.append('&').append(encode(k)).append('=').append(encode(v)));
    this.baseQuery = q.toString();
    this.headers = options.extraHeaders();
    this.sslContext = options.sslContext();
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

  /** How connections resolve the host; {@code null} for Netty's default. */
  public io.netty.resolver.AddressResolverGroup<?> resolver() {
    return resolver;
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
    if (transport.equals("polling")) {
      // A unique value per request defeats caches on the way, as the JS client's timestampRequests does.
      b.append("&t=").append(Long.toString(System.currentTimeMillis(), 36)).append('.')
          .append(requestCounter.incrementAndGet());
    }
    if (sid != null) {
      b.append("&sid=").append(encode(sid));
    }
    return b.append(baseQuery).toString();
  }

  /** The WebSocket URI for session {@code sid} (or none). */
  public URI webSocketUri(String sid) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create((secure ? "wss://" : "ws://") + h + ":" + port + requestTarget("websocket", sid));
  }

  /** A client-mode TLS engine that checks the server's name, as a browser would. */
  public SSLEngine newSslEngine() {
    try {
      SSLContext ctx = sslContext != null ? sslContext : SSLContext.getDefault();
      SSLEngine engine = ctx.createSSLEngine(host, port);
      engine.setUseClientMode(true);
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
      return engine;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
