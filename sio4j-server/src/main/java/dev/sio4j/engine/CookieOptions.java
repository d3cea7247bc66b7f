package dev.sio4j.engine;

import java.util.Objects;

/**
 * The cookie holding the session id, sent with the handshake response so that a load balancer can keep a client's
 * requests on one node (sticky sessions). Off unless {@link EngineOptions.Builder#cookie(CookieOptions)} is set.
 *
 * <p>Immutable and thread-safe. Defaults are the reference's: name {@code io}, path {@code /}, HttpOnly,
 * SameSite {@code Lax}, no Max-Age, no Domain, not Secure.
 */
public final class CookieOptions {
  private final String name;
  private final String path;
  private final boolean httpOnly;
  private final String sameSite;
  private final long maxAgeSeconds;
  private final String domain;
  private final boolean secure;

  private CookieOptions(Builder b) {
    this.name = b.name;
    this.path = b.path;
    this.httpOnly = b.httpOnly;
    this.sameSite = b.sameSite;
    this.maxAgeSeconds = b.maxAgeSeconds;
    this.domain = b.domain;
    this.secure = b.secure;
  }

  /** A builder with the reference defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cookie's name. Default {@code io}. */
  public String name() {
    return name;
  }

  /** The {@code Set-Cookie} header value for session {@code sid}. */
  public String headerValue(String sid) {
    StringBuilder out = new StringBuilder(name).append('=').append(sid);
    if (maxAgeSeconds >= 0) {
      out.append("; Max-Age=").append(maxAgeSeconds);
    }
    if (domain != null) {
      out.append("; Domain=").append(domain);
    }
    if (path != null) {
      out.append("; Path=").append(path);
    }
    if (httpOnly) {
      out.append("; HttpOnly");
    }
    if (secure) {
      out.append("; Secure");
    }
    if (sameSite != null) {
      out.append("; SameSite=").append(sameSite);
    }
    return out.toString();
  }

  /** Builds {@link CookieOptions}; each setter validates. Not thread-safe. */
  public static final class Builder {
    private String name = "io";
    private String path = "/";
    private boolean httpOnly = true;
    private String sameSite = "Lax";
    private long maxAgeSeconds = -1;
    private String domain;
    private boolean secure;

    private Builder() {}

    /** The cookie name, an RFC 6265 token. Default {@code io}. */
    public Builder name(String name) {
      this.name = token(name, "name");
      return this;
    }

    /** The Path attribute, or {@code null} for none. Default {@code /}. */
    public Builder path(String path) {
      this.path = path == null ? null : token(path, "path");
      return this;
    }

    /** Whether to set HttpOnly. Default true. */
    public Builder httpOnly(boolean httpOnly) {
      this.httpOnly = httpOnly;
      return this;
    }

    /** SameSite: {@code Strict}, {@code Lax}, {@code None}, or {@code null} for none. Default {@code Lax}. */
    public Builder sameSite(String sameSite) {
      if (sameSite != null && !sameSite.equals("Strict") && !sameSite.equals("Lax") && !sameSite.equals("None")) {
        throw new IllegalArgumentException("sameSite must be Strict, Lax or None: " + sameSite);
      }
      this.sameSite = sameSite;
      return this;
    }

    /** Max-Age in seconds (&gt;= 0); default none (a session cookie). */
    public Builder maxAgeSeconds(long seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("maxAgeSeconds must be >= 0: " + seconds);
      }
      this.maxAgeSeconds = seconds;
      return this;
    }

    /** The Domain attribute, or {@code null} (default). */
    public Builder domain(String domain) {
      this.domain = domain == null ? null : token(domain, "domain");
      return this;
    }

    /** Whether to set Secure. Default false. */
    public Builder secure(boolean secure) {
      this.secure = secure;
      return this;
    }

    /** The immutable options. */
    public CookieOptions build() {
      return new CookieOptions(this);
    }

    private static String token(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(what + " must not be empty");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"' || c == '\\') {
          throw new IllegalArgumentException(what + " has a character not allowed in a cookie: " + value);
        }
      }
      return value;
    }
  }
}
