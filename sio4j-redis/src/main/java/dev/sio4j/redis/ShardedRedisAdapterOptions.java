package dev.sio4j.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of the sharded Redis adapter, named and defaulted as the official Node one's
 * ({@code @socket.io/redis-adapter} 8.x {@code ShardedRedisAdapterOptions}, {@code createShardedAdapter}), so a Java
 * server and a Node server configured alike share one cluster. Immutable and thread-safe; build with
 * {@link #builder()}.
 *
 * <ul>
 *   <li>{@code channelPrefix}: prefix of every channel, default {@code "socket.io"} (the reference's default).
 *       Messages go to {@code <prefix>#<nsp>#}, responses to the requester's {@code <prefix>#<nsp>#<uid>#}, and (in the
 *       dynamic modes) broadcasts to a single room to {@code <prefix>#<nsp>#<room>#}.
 *   <li>{@code subscriptionMode}: which rooms get a channel of their own, default {@link SubscriptionMode#DYNAMIC}
 *       (the reference's default).
 *   <li>{@code requestsTimeout}: how long a request to the other servers ({@code fetchSockets}...) waits for their
 *       responses, default 5 seconds (the reference's cluster adapter's {@code DEFAULT_TIMEOUT}).
 * </ul>
 */
public final class ShardedRedisAdapterOptions {
  /**
   * How many sharded channels a namespace uses (the reference's {@code subscriptionMode}); every server of a cluster
   * must use the same mode.
   */
  public enum SubscriptionMode {
    /**
     * Two channels per namespace ({@code "static"}): every server receives every broadcast. Suits many dynamic
     * namespaces.
     */
    STATIC,
    /**
     * Two channels per namespace plus one per room the application named ({@code "dynamic"}): a broadcast to one such
     * room reaches only the servers that have it. A socket's own room (a 20-character id) has no channel: sockets come
     * and go too often. The default.
     */
    DYNAMIC,
    /**
     * As {@link #DYNAMIC}, and a channel for each socket's own room too ({@code "dynamic-private"}): suits much 1:1
     * messaging ({@code io.to(socketId).emit}), at one subscription per connected socket.
     */
    DYNAMIC_PRIVATE
  }

  private final String channelPrefix;
  private final SubscriptionMode subscriptionMode;
  private final Duration requestsTimeout;

  private ShardedRedisAdapterOptions(Builder b) {
    this.channelPrefix = b.channelPrefix;
    this.subscriptionMode = b.subscriptionMode;
    this.requestsTimeout = b.requestsTimeout;
  }

  /** The defaults of the reference adapter. */
  public static ShardedRedisAdapterOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The channel prefix (default {@code "socket.io"}). */
  public String channelPrefix() {
    return channelPrefix;
  }

  /** Which rooms get a channel of their own (default {@link SubscriptionMode#DYNAMIC}). */
  public SubscriptionMode subscriptionMode() {
    return subscriptionMode;
  }

  /** How long requests to other servers wait for answers (default 5 s). */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return builder().channelPrefix(channelPrefix).subscriptionMode(subscriptionMode).requestsTimeout(requestsTimeout);
  }

  @Override
  public String toString() {
    return "ShardedRedisAdapterOptions[channelPrefix=" + channelPrefix + ", subscriptionMode=" + subscriptionMode
        + ", requestsTimeout=" + requestsTimeout + "]";
  }

  /** Builds {@link ShardedRedisAdapterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String channelPrefix = "socket.io";
    private SubscriptionMode subscriptionMode = SubscriptionMode.DYNAMIC;
    private Duration requestsTimeout = Duration.ofMillis(5000);

    private Builder() {}

    /** The channel prefix: not empty, without {@code #} (it separates the parts of a channel name). */
    public Builder channelPrefix(String channelPrefix) {
      Objects.requireNonNull(channelPrefix, "channelPrefix");
      if (channelPrefix.isEmpty() || channelPrefix.indexOf('#') >= 0) {
        throw new IllegalArgumentException("channelPrefix must be non-empty and must not contain '#': "
            + channelPrefix);
      }
      this.channelPrefix = channelPrefix;
      return this;
    }

    /** Which rooms get a channel of their own: not null. */
    public Builder subscriptionMode(SubscriptionMode subscriptionMode) {
      this.subscriptionMode = Objects.requireNonNull(subscriptionMode, "subscriptionMode");
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

    /** The options. */
    public ShardedRedisAdapterOptions build() {
      return new ShardedRedisAdapterOptions(this);
    }
  }
}
