package dev.sio4j.server.fuzz;

import dev.sio4j.engine.HttpExchange;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A request as a binding would hand it to the engine, with its query decoded leniently, as Netty's decoder does. */
final class FuzzExchange implements HttpExchange {
  /** The engine answers a request within this, held long-polls aside; longer is a finding. */
  private static final long ANSWER_MILLIS = 2_000;

  private final String method;
  private final String query;
  private final Map<String, List<String>> parameters;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private final byte[] body;
  private final AtomicInteger responses = new AtomicInteger();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();
  private volatile byte[] responseBody;

  FuzzExchange(String method, String query, byte[] body) {
    this.method = method;
    this.query = query;
    this.parameters = decode(query);
    this.body = body;
    if (body.length > 0) {
      headers.put("content-type", List.of("text/plain;charset=UTF-8"));
    }
  }

  private static Map<String, List<String>> decode(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static String unescape(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }

  /** The status once answered; fails when the engine did not answer in time or answered twice. */
  int status() throws Exception {
    int code;
    try {
      code = status.get(ANSWER_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(method + " ?" + query + ": no answer within " + ANSWER_MILLIS + " ms");
    }
    if (responses.get() != 1) {
      throw new AssertionError(method + " ?" + query + ": answered " + responses.get() + " times");
    }
    return code;
  }

  String responseText() {
    return new String(responseBody, StandardCharsets.UTF_8);
  }

  @Override public String method() {
    return method;
  }

  @Override public String uri() {
    return "/socket.io/?" + query;
  }

  @Override public String path() {
    return "/socket.io/";
  }

  @Override public Map<String, List<String>> queryParameters() {
    return parameters;
  }

  @Override public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  @Override public Map<String, List<String>> headers() {
    return headers;
  }

  @Override public InetSocketAddress remoteAddress() {
    return new InetSocketAddress("127.0.0.1", 40000);
  }

  @Override public boolean secure() {
    return false;
  }

  @Override public byte[] body() {
    return body;
  }

  @Override public void respond(int status, Map<String, String> headers, byte[] body) {
    responses.incrementAndGet();
    this.responseBody = body;
    this.status.complete(status);
  }
}
