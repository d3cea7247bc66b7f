package dev.sio4j.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the Redis adapter, named and defaulted as the official Node adapter's ({@code @socket.io/redis-adapter}
 * 8.x {@code RedisAdapterOptions}), so a Java server and a Node server configured alike share one cluster. Immutable and
 * thread-safe; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code key}: prefix of every channel, default {@code "socket.io"} (the reference's default). Broadcasts go to
 *       {@code <key>#<nsp>#} or, for a single room, {@code <key>#<nsp>#<room>#}; requests to
 *       {@code <key>-request#<nsp>#}; responses to {@code <key>-response#<nsp>#} (and
 *       {@code <key>-response#<nsp>#<uid>#}).
 *   <li>{@code requestsTimeout}: how long a request to the other servers ({@code fetchSockets}, ...) waits for their
 *       responses before it fails, default 5 seconds (the reference's 5000 ms).
 *   <li>{@code publishOnSpecificResponseChannel}: answer a request on the requesting server's own response channel
 *       instead of the shared one, default {@code false} (the reference's default, kept for compatibility with older
 *       nodes).
 * </ul>
 */
public final class RedisAdapterOptions {
  private final String key;
  private final Duration requestsTimeout;
  private final boolean publishOnSpecificResponseChannel;

  private RedisAdapterOptions(Builder b) {
    this.key = b.key;
    this.requestsTimeout = b.requestsTimeout;
    this.publishOnSpecificResponseChannel = b.publishOnSpecificResponseChannel;
  }

  /** The defaults of the reference adapter. */
  public static RedisAdapterOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The channel prefix (default {@code "socket.io"}). */
  public String key() {
    return key;
  }

  /** How long requests to other servers wait for answers (default 5 s). */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /** Whether responses go to the requester's own channel (default false). */
  public boolean publishOnSpecificResponseChannel() {
    return publishOnSpecificResponseChannel;
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return builder().key(key).requestsTimeout(requestsTimeout)
        .publishOnSpecificResponseChannel(publishOnSpecificResponseChannel);
  }

  @Override
  public String toString() {
    return "RedisAdapterOptions[key=" + key + ", requestsTimeout=" + requestsTimeout
        + ", publishOnSpecificResponseChannel=" + publishOnSpecificResponseChannel + "]";
  }

  /** Builds {@link RedisAdapterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String key = "socket.io";
    private Duration requestsTimeout = Duration.ofMillis(5000);
    private boolean publishOnSpecificResponseChannel;

    private Builder() {}

    /** The channel prefix: not empty, without {@code #} (it separates the parts of a channel name). */
    public Builder key(String key) {
      Objects.requireNonNull(key, "key");
      if (key.isEmpty() || key.indexOf('#') >= 0) {
        throw new IllegalArgumentException("key must be non-empty and must not contain '#': " + key);
      }
      this.key = key;
      return this;
    }

    /** How long requests wait for answers: positive. */
    public Builder requestsTimeout(Duration requestsTimeout) {
      Objects.requireNonNull(requestsTimeout, "requestsTimeout");
      if (requestsTimeout.isNegative() || requestsTimeout.isZero()) {
        throw new IllegalArgumentException("requestsTimeout must be positive: " + requestsTimeout);
      }
      this.requestsTimeout = requestsTimeout;
      return this;
    }

    /** Whether responses go to the requester's own channel. */
    public Builder publishOnSpecificResponseChannel(boolean publishOnSpecificResponseChannel) {
      this.publishOnSpecificResponseChannel = publishOnSpecificResponseChannel;
      return this;
    }

    /** The options. */
    public RedisAdapterOptions build() {
      return new RedisAdapterOptions(this);
    }
  }
}
