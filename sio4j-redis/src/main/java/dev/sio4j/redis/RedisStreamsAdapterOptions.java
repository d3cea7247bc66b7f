package dev.sio4j.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Redis streams adapter, named and defaulted as the official Node adapter's
 * ({@code @socket.io/redis-streams-adapter} 0.3.x {@code RedisStreamsAdapterOptions}), so Java and Node servers
 * configured alike share one cluster. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code streamName}: the Redis stream carrying the broadcasts and room operations of every namespace, default
 *       {@code "socket.io"} (the reference's default);
 *   <li>{@code channelPrefix}: prefix of the pub/sub channels of the requests that need no log (broadcasts with acks,
 *       {@code fetchSockets}, server-side emits: {@code <prefix>#<nsp>#}) and of the responses
 *       ({@code <prefix>#<nsp>#<uid>#}), default {@code "socket.io"} (the reference's);
 *   <li>{@code maxLen}: the stream's length, trimmed almost exactly ({@code XADD MAXLEN ~}), default 10,000 (the
 *       reference's): the number of broadcasts a disconnected client can be recovered across, at most;
 *   <li>{@code readCount}: entries per {@code XREAD}, default 100 (the reference's);
 *   <li>{@code blockTime}: how long one {@code XREAD BLOCK} waits for entries, default 5 s (the reference's
 *       {@code blockTimeInMs}, 5000);
 *   <li>{@code sessionKeyPrefix}: prefix of the keys of disconnected sockets' sessions (connection state recovery),
 *       default {@code "sio:session:"} (the reference's);
 *   <li>{@code requestsTimeout}: how long a request to the other servers waits for their answers, default 5 s (the
 *       reference's {@code ClusterAdapterOptions} default);
 *   <li>{@code recentEntries}: how many of the latest stream entries of each namespace a server keeps in memory, as
 *       its reader handed them over (and, for the first namespace, those of the latest that the stream held when the
 *       server started), to replay to recovering sockets without reading them back, default 1,000;
 *       0 keeps none, and every recovery reads the stream ({@code XRANGE}) as the reference does. The reference has
 *       no such cache: when a node is drained, its clients recover on the others at about the same time, each from
 *       about the same offset, and each read back costs a round trip and the decoding of every entry since.
 * </ul>
 */
public final class RedisStreamsAdapterOptions {
  private final String streamName;
  private final String channelPrefix;
  private final int maxLen;
  private final int readCount;
  private final Duration blockTime;
  private final String sessionKeyPrefix;
  private final Duration requestsTimeout;
  private final int recentEntries;

  private RedisStreamsAdapterOptions(Builder b) {
    this.streamName = b.streamName;
    this.channelPrefix = b.channelPrefix;
    this.maxLen = b.maxLen;
    this.readCount = b.readCount;
    this.blockTime = b.blockTime;
    this.sessionKeyPrefix = b.sessionKeyPrefix;
    this.requestsTimeout = b.requestsTimeout;
    this.recentEntries = b.recentEntries;
  }

  /** The defaults of the reference adapter. */
  public static RedisStreamsAdapterOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The stream's name (default {@code "socket.io"}). */
  public String streamName() {
    return streamName;
  }

  /** The pub/sub channels' prefix (default {@code "socket.io"}). */
  public String channelPrefix() {
    return channelPrefix;
  }

  /** The stream's approximate maximum length (default 10,000). */
  public int maxLen() {
    return maxLen;
  }

  /** Entries per read (default 100). */
  public int readCount() {
    return readCount;
  }

  /** How long one blocking read waits (default 5 s). */
  public Duration blockTime() {
    return blockTime;
  }

  /** The session keys' prefix (default {@code "sio:session:"}). */
  public String sessionKeyPrefix() {
    return sessionKeyPrefix;
  }

  /** How long requests to other servers wait for answers (default 5 s). */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /** The latest entries of each namespace kept in memory for recovery (default 1,000; 0: none). */
  public int recentEntries() {
    return recentEntries;
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return builder().streamName(streamName).channelPrefix(channelPrefix).maxLen(maxLen).readCount(readCount)
        .blockTime(blockTime).sessionKeyPrefix(sessionKeyPrefix).requestsTimeout(requestsTimeout)
        .recentEntries(recentEntries);
  }

  @Override
  public String toString() {
    return "RedisStreamsAdapterOptions[streamName=" + streamName + ", channelPrefix=" + channelPrefix + ", maxLen="
        + maxLen + ", readCount=" + readCount + ", blockTime=" + blockTime + ", sessionKeyPrefix=" + sessionKeyPrefix
        + ", requestsTimeout=" + requestsTimeout + ", recentEntries=" + recentEntries + "]";
  }

  /** Builds {@link RedisStreamsAdapterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String streamName = "socket.io";
    private String channelPrefix = "socket.io";
    private int maxLen = 10_000;
    private int readCount = 100;
    private Duration blockTime = Duration.ofMillis(5000);
    private String sessionKeyPrefix = "sio:session:";
    private Duration requestsTimeout = Duration.ofMillis(5000);
    private int recentEntries = 1_000;

    private Builder() {}

    /** The stream's name: not empty. */
    public Builder streamName(String streamName) {
      this.streamName = notEmpty(streamName, "streamName");
      return this;
    }

    /** The channels' prefix: not empty, without {@code #} (it separates the parts of a channel name). */
    public Builder channelPrefix(String channelPrefix) {
      notEmpty(channelPrefix, "channelPrefix");
      if (channelPrefix.indexOf('#') >= 0) {
        throw new IllegalArgumentException("channelPrefix must not contain '#': " + channelPrefix);
      }
      this.channelPrefix = channelPrefix;
      return this;
    }

    /** The stream's approximate maximum length: positive. */
    public Builder maxLen(int maxLen) {
      this.maxLen = positive(maxLen, "maxLen");
      return this;
    }

    /** Entries per read: positive. */
    public Builder readCount(int readCount) {
      this.readCount = positive(readCount, "readCount");
      return this;
    }

    /**
     * How long one blocking read waits: positive, and shorter than the client's command timeout (Lettuce's default is
     * 60 s), or the read times out instead of returning empty.
     */
    public Builder blockTime(Duration blockTime) {
      this.blockTime = positive(blockTime, "blockTime");
      return this;
    }

    /** The session keys' prefix: not empty. */
    public Builder sessionKeyPrefix(String sessionKeyPrefix) {
      this.sessionKeyPrefix = notEmpty(sessionKeyPrefix, "sessionKeyPrefix");
      return this;
    }

    /** How long requests wait for answers: positive. */
    public Builder requestsTimeout(Duration requestsTimeout) {
      this.requestsTimeout = positive(requestsTimeout, "requestsTimeout");
      return this;
    }

    /** The latest entries of each namespace kept in memory for recovery: zero (none) or more. */
    public Builder recentEntries(int recentEntries) {
      if (recentEntries < 0) {
        throw new IllegalArgumentException("recentEntries must not be negative: " + recentEntries);
      }
      this.recentEntries = recentEntries;
      return this;
    }

    private static String notEmpty(String value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isEmpty()) {
        throw new IllegalArgumentException(name + " must not be empty");
      }
      return value;
    }

    private static int positive(int value, String name) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /** The options. */
    public RedisStreamsAdapterOptions build() {
      return new RedisStreamsAdapterOptions(this);
    }
  }
}
