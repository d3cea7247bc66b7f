package dev.sio4j.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Cross-origin resource sharing for the long-polling requests, as the reference server configures it with the
 * {@code cors} package. CORS is off unless {@link EngineOptions.Builder#cors(CorsOptions)} is given one of these.
 *
 * <p>Immutable and thread-safe. Defaults are those of the reference's {@code cors} package: any origin ({@code *}),
 * no credentials, methods {@code GET,HEAD,PUT,PATCH,POST,DELETE}, the requested headers reflected in a preflight,
 * no max age, preflight answered with 204.
 */
public final class CorsOptions {
  private final String fixedOrigin;
  private final Predicate<String> originPredicate;
  private final boolean credentials;
  private final String methods;
  private final String allowedHeaders;
  private final String exposedHeaders;
  private final long maxAgeSeconds;

  private CorsOptions(Builder b) {
    this.fixedOrigin = b.fixedOrigin;
    this.originPredicate = b.originPredicate;
    this.credentials = b.credentials;
    this.methods = b.methods;
    this.allowedHeaders = b.allowedHeaders;
    this.exposedHeaders = b.exposedHeaders;
    this.maxAgeSeconds = b.maxAgeSeconds;
  }

  /** A builder with the reference defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** CORS allowing any origin ({@code Access-Control-Allow-Origin: *}), what the protocol test-suite expects. */
  public static CorsOptions anyOrigin() {
    return builder().build();
  }

  /**
   * The value of {@code Access-Control-Allow-Origin} for a request from {@code origin} (may be {@code null}), or
   * {@code null} when the origin is not allowed.
   */
  public String allowOrigin(String origin) {
    if (fixedOrigin != null) {
      return fixedOrigin;
    }
    return origin != null && originPredicate.test(origin) ? origin : null;
  }

  /**
   * The CORS headers of a response (not a preflight) to a request from {@code origin} (may be {@code null}), as the
   * {@code cors} package adds them: the allowed origin if it is allowed; credentials and exposed headers whether or not
   * it is (the browser then refuses on the origin); {@code Vary: Origin} when the answer depends on it. A new mutable
   * map, in that order.
   */
  public Map<String, String> responseHeaders(String origin) {
    Map<String, String> headers = new LinkedHashMap<>();
    String allowed = allowOrigin(origin);
    if (allowed != null) {
      headers.put("Access-Control-Allow-Origin", allowed);
    }
    if (credentials) {
      headers.put("Access-Control-Allow-Credentials", "true");
    }
    if (exposedHeaders != null) {
      headers.put("Access-Control-Expose-Headers", exposedHeaders);
    }
    if (variesByOrigin()) {
      headers.put("Vary", "Origin");
    }
    return headers;
  }

  /** Whether the allowed origin depends on the request ({@code Vary: Origin} must then be sent). */
  public boolean variesByOrigin() {
    return fixedOrigin == null;
  }

  /** Whether {@code Access-Control-Allow-Credentials: true} is sent. Default false. */
  public boolean credentials() {
    return credentials;
  }

  /** {@code Access-Control-Allow-Methods} of a preflight. Default {@code GET,HEAD,PUT,PATCH,POST,DELETE}. */
  public String methods() {
    return methods;
  }

  /** {@code Access-Control-Allow-Headers} of a preflight, or {@code null} to reflect the requested ones (default). */
  public String allowedHeaders() {
    return allowedHeaders;
  }

  /** {@code Access-Control-Expose-Headers}, or {@code null} (default). */
  public String exposedHeaders() {
    return exposedHeaders;
  }

  /** {@code Access-Control-Max-Age} of a preflight in seconds, or -1 for none (default). */
  public long maxAgeSeconds() {
    return maxAgeSeconds;
  }

  /** Builds {@link CorsOptions}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private String fixedOrigin = "*";
    private Predicate<String> originPredicate;
    private boolean credentials;
    private String methods = "GET,HEAD,PUT,PATCH,POST,DELETE";
    private String allowedHeaders;
    private String exposedHeaders;
    private long maxAgeSeconds = -1;

    private Builder() {}

    /** Allows any origin with {@code *} (the default). Browsers refuse {@code *} together with credentials. */
    public Builder anyOrigin() {
      this.fixedOrigin = "*";
      this.originPredicate = null;
      return this;
    }

    /** Allows exactly these origins (e.g. {@code https://example.com}); the matching origin is echoed back. */
    public Builder origins(List<String> origins) {
      Set<String> allowed = Set.copyOf(Objects.requireNonNull(origins, "origins"));
      if (allowed.isEmpty()) {
        throw new IllegalArgumentException("origins must not be empty");
      }
      return origins(allowed::contains);
    }

    /** Allows the origins {@code predicate} accepts; the origin is echoed back. */
    public Builder origins(Predicate<String> predicate) {
      this.originPredicate = Objects.requireNonNull(predicate, "predicate");
      this.fixedOrigin = null;
      return this;
    }

    /** Whether to send {@code Access-Control-Allow-Credentials: true}. Default false. */
    public Builder credentials(boolean credentials) {
      this.credentials = credentials;
      return this;
    }

    /** The allowed methods of a preflight. Default {@code GET,HEAD,PUT,PATCH,POST,DELETE}. */
    public Builder methods(String methods) {
      this.methods = requireToken(methods, "methods");
      return this;
    }

    /** The allowed request headers of a preflight; default: reflect {@code Access-Control-Request-Headers}. */
    public Builder allowedHeaders(String headers) {
      this.allowedHeaders = requireToken(headers, "headers");
      return this;
    }

    /** The response headers the browser may expose. Default none. */
    public Builder exposedHeaders(String headers) {
      this.exposedHeaders = requireToken(headers, "headers");
      return this;
    }

    /** How long a preflight may be cached, in seconds (&gt;= 0). Default: not sent. */
    public Builder maxAgeSeconds(long seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("maxAgeSeconds must be >= 0: " + seconds);
      }
      this.maxAgeSeconds = seconds;
      return this;
    }

    /** The immutable options. */
    public CorsOptions build() {
      if ("*".equals(fixedOrigin) && credentials) {
        throw new IllegalStateException("credentials require explicit origins: browsers refuse '*' with credentials");
      }
      return new CorsOptions(this);
    }

    private static String requireToken(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isBlank() || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(name + " must be a non-blank header value: " + value);
      }
      return value;
    }
  }
}
