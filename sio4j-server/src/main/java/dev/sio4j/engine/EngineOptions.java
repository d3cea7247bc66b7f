package dev.sio4j.engine;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The options of an {@link EngineServer}. Immutable and thread-safe; build with {@link #builder()}. Each option's
 * default is the reference server's ({@code packages/engine.io}, {@code ServerOptions}) unless it says otherwise.
 */
public final class EngineOptions {
  /** The transports a session may use. */
  public enum Transport {
    /** HTTP long-polling ({@code transport=polling}). */
    POLLING("polling"),
    /** WebSocket ({@code transport=websocket}). */
    WEBSOCKET("websocket");

    private final String wireName;

    Transport(String wireName) {
      this.wireName = wireName;
    }

    /** The name in the {@code transport} query parameter. */
    public String wireName() {
      return wireName;
    }

    /** The transport named {@code name} on the wire, or {@code null}. */
    public static Transport fromWireName(String name) {
      if ("polling".equals(name)) {
        return POLLING;
      }
      if ("websocket".equals(name)) {
        return WEBSOCKET;
      }
      return null;
    }
  }

  private final String path;
  private final long pingIntervalMillis;
  private final long pingTimeoutMillis;
  private final int maxPayload;
  private final long upgradeTimeoutMillis;
  private final Set<Transport> transports;
  private final boolean allowUpgrades;
  private final CorsOptions cors;
  private final CookieOptions cookie;
  private final AllowRequest allowRequest;
  private final HeadersHook initialHeaders;
  private final HeadersHook headers;
  private final boolean perMessageDeflate;
  private final int perMessageDeflateThreshold;
  private final boolean httpCompression;
  private final int httpCompressionThreshold;
  private final int maxSessions;
  private final int sendBufferSize;
  private final long sendBufferBytes;
  private final long sendBufferHighWaterBytes;
  private final long closeTimeoutMillis;
  private final boolean allowEIO3;
  private final SessionIdGenerator generateId;

  private EngineOptions(Builder b) {
    this.path = b.path;
    this.pingIntervalMillis = b.pingIntervalMillis;
    this.pingTimeoutMillis = b.pingTimeoutMillis;
    this.maxPayload = b.maxPayload;
    this.upgradeTimeoutMillis = b.upgradeTimeoutMillis;
    this.transports = Set.copyOf(b.transports);
    this.allowUpgrades = b.allowUpgrades;
    this.cors = b.cors;
    this.cookie = b.cookie;
    this.allowRequest = b.allowRequest;
    this.initialHeaders = b.initialHeaders;
    this.headers = b.headers;
    this.perMessageDeflate = b.perMessageDeflate;
    this.perMessageDeflateThreshold = b.perMessageDeflateThreshold;
    this.httpCompression = b.httpCompression;
    this.httpCompressionThreshold = b.httpCompressionThreshold;
    this.maxSessions = b.maxSessions;
    this.sendBufferSize = b.sendBufferSize;
    this.sendBufferBytes = b.sendBufferBytes;
    this.sendBufferHighWaterBytes = b.sendBufferHighWaterBytes;
    this.closeTimeoutMillis = b.closeTimeoutMillis;
    this.allowEIO3 = b.allowEIO3;
    this.generateId = b.generateId;
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static EngineOptions defaults() {
    return builder().build();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.path = path;
    b.pingIntervalMillis = pingIntervalMillis;
    b.pingTimeoutMillis = pingTimeoutMillis;
    b.maxPayload = maxPayload;
    b.upgradeTimeoutMillis = upgradeTimeoutMillis;
    b.transports = EnumSet.copyOf(transports);
    b.allowUpgrades = allowUpgrades;
    b.cors = cors;
    b.cookie = cookie;
    b.allowRequest = allowRequest;
    b.initialHeaders = initialHeaders;
    b.headers = headers;
    b.perMessageDeflate = perMessageDeflate;
    b.perMessageDeflateThreshold = perMessageDeflateThreshold;
    b.httpCompression = httpCompression;
    b.httpCompressionThreshold = httpCompressionThreshold;
    b.maxSessions = maxSessions;
    b.sendBufferSize = sendBufferSize;
    b.sendBufferBytes = sendBufferBytes;
    b.sendBufferHighWaterBytes = sendBufferHighWaterBytes;
    b.closeTimeoutMillis = closeTimeoutMillis;
    b.allowEIO3 = allowEIO3;
    b.generateId = generateId;
    return b;
  }

  /** The path Engine.IO requests are served under, starting and ending with {@code /}. Default {@code /engine.io/}. */
  public String path() {
    return path;
  }

  /** Milliseconds between the server's PINGs. Default 25000. */
  public long pingIntervalMillis() {
    return pingIntervalMillis;
  }

  /** Milliseconds a client has to answer a PING before the session closes with "ping timeout". Default 20000. */
  public long pingTimeoutMillis() {
    return pingTimeoutMillis;
  }

  /**
   * The largest payload accepted, in bytes: a long-polling POST body, a WebSocket message; also the bound of one
   * long-polling GET answer. Announced to the client in the handshake. Default 1000000 (the reference's
   * {@code maxHttpBufferSize}, 1e6).
   */
  public int maxPayload() {
    return maxPayload;
  }

  /** Milliseconds a started upgrade may take before the probe WebSocket is closed. Default 10000. */
  public long upgradeTimeoutMillis() {
    return upgradeTimeoutMillis;
  }

  /** The transports allowed. Default both, polling and websocket. */
  public Set<Transport> transports() {
    return transports;
  }

  /**
   * Whether sessions may upgrade from polling to WebSocket. Default true. When false the handshake offers no
   * upgrade and an upgrade request for an existing session is refused with 400 (the reference only stops offering
   * it, and would still accept a client that tries).
   */
  public boolean allowUpgrades() {
    return allowUpgrades;
  }

  /** CORS for polling requests, or {@code null} when off (the default, as the reference's {@code cors: false}). */
  public CorsOptions cors() {
    return cors;
  }

  /**
   * The sticky-session cookie, or {@code null} when none is sent (the default). As the reference, it is set on the
   * answer to a long-polling handshake only: a session opened directly over WebSocket needs no stickiness.
   */
  public CookieOptions cookie() {
    return cookie;
  }

  /** The handshake filter, or {@code null} to allow every handshake (the default). */
  public AllowRequest allowRequest() {
    return allowRequest;
  }

  /** The hook called on the handshake response's headers, or {@code null} (default). */
  public HeadersHook initialHeaders() {
    return initialHeaders;
  }

  /** The hook called on the headers of every Engine.IO response, or {@code null} (default). */
  public HeadersHook headers() {
    return headers;
  }

  /** Whether WebSocket per-message deflate is negotiated. Default false (as the reference). */
  public boolean perMessageDeflate() {
    return perMessageDeflate;
  }

  /** WebSocket messages smaller than this many bytes are not deflated. Default 1024. */
  public int perMessageDeflateThreshold() {
    return perMessageDeflateThreshold;
  }

  /** Whether long-polling responses are compressed (gzip or deflate, as the client accepts). Default true. */
  public boolean httpCompression() {
    return httpCompression;
  }

  /** Long-polling responses smaller than this many bytes are not compressed. Default 1024. */
  public int httpCompressionThreshold() {
    return httpCompressionThreshold;
  }

  /**
   * The most sessions open at once; further handshakes get HTTP 503 with {@code {"code":4,...}}. Default
   * unlimited ({@link Integer#MAX_VALUE}); the reference has no such cap.
   */
  public int maxSessions() {
    return maxSessions;
  }

  /**
   * The most MESSAGE packets a session holds not yet written; {@link EngineSocket#send} returns false past it. Half
   * of it is the session's high-water mark in packets ({@link EngineSocket#isCongested()}). Default 10000; the
   * reference's buffer is unbounded.
   */
  public int sendBufferSize() {
    return sendBufferSize;
  }

  /**
   * The most bytes (encoded packet lengths) a session holds not yet written; {@link EngineSocket#send} returns false
   * past it, except into an empty buffer, so a single large message can always go. With {@link #sendBufferSize()}
   * it bounds the memory one slow client can hold. Default 16 MiB; the reference's buffer is unbounded.
   */
  public long sendBufferBytes() {
    return sendBufferBytes;
  }

  /**
   * The session's high-water mark in bytes: above it {@link EngineSocket#isCongested()} is true, until the buffer is
   * back at half of it (and at a quarter of {@link #sendBufferSize()} packets). The Socket.IO server makes a handler
   * that emitted to a congested socket wait there, so that a burst goes out at the pace of its slowest reader instead
   * of filling the buffer to {@link #sendBufferBytes()}. Default 1 MiB: a few round trips of a fast reader, far below
   * the hard limit. Never more than half of {@link #sendBufferBytes()}: a smaller buffer lowers the mark with it, so
   * that waiting senders always leave room below the hard limit. The reference has no such mark.
   */
  public long sendBufferHighWaterBytes() {
    return Math.min(sendBufferHighWaterBytes, sendBufferBytes / 2);
  }

  /**
   * Milliseconds a closing long-polling session waits for a GET to carry its CLOSE packet. Default 30000 (the
   * reference's polling {@code closeTimeout}).
   */
  public long closeTimeoutMillis() {
    return closeTimeoutMillis;
  }

  /**
   * Whether clients of Engine.IO revision 3 are served: socket.io-client 2.x, the Java {@code io.socket} client 1.x and
   * others of their time, which also speak Socket.IO protocol revision 4. Default false, as the reference's {@code
   * allowEIO3: false}: a handshake without {@code EIO=4} is then refused with 400 "Unsupported protocol version". When
   * true, as in the reference, every handshake whose {@code EIO} is not {@code 4} is taken for revision 3.
   */
  public boolean allowEIO3() {
    return allowEIO3;
  }

  /**
   * What makes each new session's id, or {@code null} for the built-in generator: 15 random bytes from a {@link
   * java.security.SecureRandom}, URL-safe base64, 20 characters, as the reference's {@code base64id}. Default {@code
   * null} (the reference's default {@code generateId}).
   */
  public SessionIdGenerator generateId() {
    return generateId;
  }

  /** Builds {@link EngineOptions}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private String path = "/engine.io/";
    private long pingIntervalMillis = 25_000;
    private long pingTimeoutMillis = 20_000;
    private int maxPayload = 1_000_000;
    private long upgradeTimeoutMillis = 10_000;
    private Set<Transport> transports = EnumSet.allOf(Transport.class);
    private boolean allowUpgrades = true;
    private CorsOptions cors;
    private CookieOptions cookie;
    private AllowRequest allowRequest;
    private HeadersHook initialHeaders;
    private HeadersHook headers;
    private boolean perMessageDeflate;
    private int perMessageDeflateThreshold = 1024;
    private boolean httpCompression = true;
    private int httpCompressionThreshold = 1024;
    private int maxSessions = Integer.MAX_VALUE;
    private int sendBufferSize = 10_000;
    private long sendBufferBytes = 16L * 1024 * 1024;
    private long sendBufferHighWaterBytes = 1024 * 1024;
    private long closeTimeoutMillis = 30_000;
    private boolean allowEIO3;
    private SessionIdGenerator generateId;

    private Builder() {}

    /** See {@link EngineOptions#path()}; a trailing slash is added when missing. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
        throw new IllegalArgumentException("path must start with '/' and hold no query: " + path);
      }
      this.path = path.endsWith("/") ? path : path + "/";
      return this;
    }

    /** See {@link EngineOptions#pingIntervalMillis()}; must be positive. */
    public Builder pingIntervalMillis(long millis) {
      this.pingIntervalMillis = positive(millis, "pingIntervalMillis");
      return this;
    }

    /** See {@link EngineOptions#pingTimeoutMillis()}; must be positive. */
    public Builder pingTimeoutMillis(long millis) {
      this.pingTimeoutMillis = positive(millis, "pingTimeoutMillis");
      return this;
    }

    /** See {@link EngineOptions#maxPayload()}; must be positive. */
    public Builder maxPayload(int bytes) {
      this.maxPayload = (int) positive(bytes, "maxPayload");
      return this;
    }

    /** See {@link EngineOptions#upgradeTimeoutMillis()}; must be positive. */
    public Builder upgradeTimeoutMillis(long millis) {
      this.upgradeTimeoutMillis = positive(millis, "upgradeTimeoutMillis");
      return this;
    }

    /** See {@link EngineOptions#transports()}; at least one. */
    public Builder transports(Set<Transport> transports) {
      Objects.requireNonNull(transports, "transports");
      if (transports.isEmpty()) {
        throw new IllegalArgumentException("at least one transport is required");
      }
      this.transports = EnumSet.copyOf(transports);
      return this;
    }

    /** See {@link EngineOptions#allowUpgrades()}. */
    public Builder allowUpgrades(boolean allow) {
      this.allowUpgrades = allow;
      return this;
    }

    /** See {@link EngineOptions#cors()}; {@code null} turns CORS off. */
    public Builder cors(CorsOptions cors) {
      this.cors = cors;
      return this;
    }

    /** See {@link EngineOptions#cookie()}; {@code null} sends no cookie. */
    public Builder cookie(CookieOptions cookie) {
      this.cookie = cookie;
      return this;
    }

    /** See {@link EngineOptions#allowRequest()}; {@code null} allows every handshake. */
    public Builder allowRequest(AllowRequest allowRequest) {
      this.allowRequest = allowRequest;
      return this;
    }

    /** See {@link EngineOptions#initialHeaders()}. */
    public Builder initialHeaders(HeadersHook hook) {
      this.initialHeaders = hook;
      return this;
    }

    /** See {@link EngineOptions#headers()}. */
    public Builder headers(HeadersHook hook) {
      this.headers = hook;
      return this;
    }

    /** See {@link EngineOptions#perMessageDeflate()}. */
    public Builder perMessageDeflate(boolean enabled) {
      this.perMessageDeflate = enabled;
      return this;
    }

    /** See {@link EngineOptions#perMessageDeflateThreshold()}; must be &gt;= 0. */
    public Builder perMessageDeflateThreshold(int bytes) {
      this.perMessageDeflateThreshold = (int) nonNegative(bytes, "perMessageDeflateThreshold");
      return this;
    }

    /** See {@link EngineOptions#httpCompression()}. */
    public Builder httpCompression(boolean enabled) {
      this.httpCompression = enabled;
      return this;
    }

    /** See {@link EngineOptions#httpCompressionThreshold()}; must be &gt;= 0. */
    public Builder httpCompressionThreshold(int bytes) {
      this.httpCompressionThreshold = (int) nonNegative(bytes, "httpCompressionThreshold");
      return this;
    }

    /** See {@link EngineOptions#maxSessions()}; must be positive. */
    public Builder maxSessions(int max) {
      this.maxSessions = (int) positive(max, "maxSessions");
      return this;
    }

    /** See {@link EngineOptions#sendBufferSize()}; must be positive. */
    public Builder sendBufferSize(int packets) {
      this.sendBufferSize = (int) positive(packets, "sendBufferSize");
      return this;
    }

    /** See {@link EngineOptions#sendBufferBytes()}; must be positive. */
    public Builder sendBufferBytes(long bytes) {
      this.sendBufferBytes = positive(bytes, "sendBufferBytes");
      return this;
    }

    /** See {@link EngineOptions#sendBufferHighWaterBytes()}; must be positive. */
    public Builder sendBufferHighWaterBytes(long bytes) {
      this.sendBufferHighWaterBytes = positive(bytes, "sendBufferHighWaterBytes");
      return this;
    }

    /** See {@link EngineOptions#closeTimeoutMillis()}; must be positive. */
    public Builder closeTimeoutMillis(long millis) {
      this.closeTimeoutMillis = positive(millis, "closeTimeoutMillis");
      return this;
    }

    /** See {@link EngineOptions#allowEIO3()}. */
    public Builder allowEIO3(boolean allow) {
      this.allowEIO3 = allow;
      return this;
    }

    /** See {@link EngineOptions#generateId()}; {@code null} restores the built-in generator. */
    public Builder generateId(SessionIdGenerator generator) {
      this.generateId = generator;
      return this;
    }

    /** The immutable options. */
    public EngineOptions build() {
      return new EngineOptions(this);
    }

    private static long positive(long value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    private static long nonNegative(long value, String name) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " must be >= 0: " + value);
      }
      return value;
    }
  }
}
