package dev.sio4j.server.internal.clientfiles;

import dev.sio4j.engine.HttpExchange;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A plain request for handler tests, recording the one response. */
final class RecordedExchange implements HttpExchange {
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  int status = -1;
  Map<String, String> responseHeaders;
  byte[] responseBody;

  RecordedExchange(String method, String path) {
    this.method = method;
    this.path = path;
  }

  RecordedExchange with(String name, String value) {
    headers.put(name.toLowerCase(Locale.ROOT), List.of(value));
    return this;
  }

  @Override public String method() { return method; }
  @Override public String uri() { return path; }
  @Override public String path() { return path; }
  @Override public Map<String, List<String>> queryParameters() { return Map.of(); }

  @Override
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? null : values.get(0);
  }

  @Override public Map<String, List<String>> headers() { return headers; }
  @Override public InetSocketAddress remoteAddress() { return new InetSocketAddress("127.0.0.1", 40000); }
  @Override public boolean secure() { return false; }
  @Override public byte[] body() { return new byte[0]; }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] body) {
    if (this.status != -1) {
      throw new IllegalStateException("responded twice");
    }
    this.status = status;
    this.responseHeaders = headers;
    this.responseBody = body;
  }
}
