package dev.sio4j.servlet.internal;

import dev.sio4j.engine.HttpExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP request taken from a servlet request. Everything about the request is copied when it is made, on the
 * container thread: the engine may read it later from its own threads, when the container may have recycled the
 * request object (Servlet 6.0 section 2.3.3.4). The answer goes to a {@link ResponseSink}, set by the servlet.
 *
 * <p>Thread-safety: answered once, from any thread.
 */
final class ServletHttpExchange implements HttpExchange {
  private static final byte[] EMPTY = new byte[0];

  /** Where an answer goes: the asynchronous writer, or the request thread waiting on a WebSocket handshake. */
  interface ResponseSink {
    void send(int status, Map<String, String> headers, byte[] body);
  }

  private final String method;
  private final String uri;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<String, List<String>> headers;
  private final InetSocketAddress remoteAddress;
  private final boolean secure;
  private final AtomicBoolean responded = new AtomicBoolean();
  private final AtomicReference<Runnable> abortCallback = new AtomicReference<>();
  private volatile boolean aborted;
  private volatile byte[] body = EMPTY;
  private volatile boolean bodyTooLarge;
  private volatile ResponseSink sink;

  ServletHttpExchange(HttpServletRequest request) {
    this.method = request.getMethod().toUpperCase(Locale.ROOT);
    String queryString = request.getQueryString();
    // the engine's path is context-relative: the servlet may live under any context path
    this.path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    this.uri = queryString == null ? path : path + "?" + queryString;
    this.query = parseQuery(queryString);
    this.headers = copyHeaders(request);
    this.remoteAddress = address(request.getRemoteAddr(), request.getRemotePort());
    this.secure = request.isSecure();
  }

  /**
   * The query as received, decoded. Not {@code getParameterMap()}: for a form-encoded POST that would read the body,
   * which is the engine's (Servlet 6.0 section 3.1.1).
   */
  private static Map<String, List<String>> parseQuery(String query) {
    if (query == null || query.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(map);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a malformed escape is kept as sent, as Netty's QueryStringDecoder does not fail the request either
      return s;
    }
  }

  private static Map<String, List<String>> copyHeaders(HttpServletRequest request) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      List<String> values = map.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      Enumeration<String> each = request.getHeaders(name);
      while (each.hasMoreElements()) {
        values.add(each.nextElement());
      }
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(map);
  }

  private static InetSocketAddress address(String ip, int port) {
    try {
      // a literal address: no name lookup
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      return InetSocketAddress.createUnresolved(ip, port);
    }
  }

  void body(byte[] bytes, boolean tooLarge) {
    this.body = bytes;
    this.bodyTooLarge = tooLarge;
  }

  void sink(ResponseSink sink) {
    this.sink = sink;
  }

  boolean responded() {
    return responded.get();
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String uri() {
    return uri;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public Map<String, List<String>> queryParameters() {
    return query;
  }

  @Override
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  @Override
  public Map<String, List<String>> headers() {
    return headers;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public boolean secure() {
    return secure;
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public boolean bodyTooLarge() {
    return bodyTooLarge;
  }

  @Override
  public void onAbort(Runnable callback) {
    abortCallback.set(callback);
    if (aborted) {
      abort();
    }
  }

  /** The client went away: runs the abort callback once, unless the exchange was answered. */
  void abort() {
    aborted = true;
    if (!responded.get()) {
      Runnable callback = abortCallback.getAndSet(null);
      if (callback != null) {
        callback.run();
      }
    }
  }

  @Override
  public void respond(int status, Map<String, String> responseHeaders, byte[] responseBody) {
    if (!responded.compareAndSet(false, true)) {
      throw new IllegalStateException("already answered: " + uri);
    }
    abortCallback.set(null);
    sink.send(status, responseHeaders, responseBody == null ? EMPTY : responseBody);
  }
}
