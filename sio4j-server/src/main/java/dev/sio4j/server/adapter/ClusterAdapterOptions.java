package dev.sio4j.server.adapter;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of a {@link ClusterAdapter}, named and defaulted as the reference's ({@code socket.io-adapter}
 * {@code cluster-adapter.ts}). Immutable and thread-safe; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code requestsTimeout}: how long a request to the other servers ({@code fetchSockets},
 *       {@code serverSideEmitWithAck} without its own timeout) waits for their answers, default 5 s (the reference's
 *       {@code DEFAULT_TIMEOUT}, 5000 ms);
 *   <li>{@code heartbeatInterval}: with heartbeats ({@link ClusterAdapterWithHeartbeat}), the longest silence of a node
 *       before it publishes a heartbeat, default 5 s (the reference's 5000 ms);
 *   <li>{@code heartbeatTimeout}: with heartbeats, how long a node may stay silent before the others count it gone,
 *       default 10 s (the reference's 10000 ms).
 * </ul>
 */
public final class ClusterAdapterOptions {
  private final Duration requestsTimeout;
  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;

  private ClusterAdapterOptions(Builder b) {
    this.requestsTimeout = b.requestsTimeout;
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeout = b.heartbeatTimeout;
  }

  /** The reference's defaults. */
  public static ClusterAdapterOptions defaults() {
    return builder().build();
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long requests wait for the other servers (default 5 s). */
  public Duration requestsTimeout() {
    return requestsTimeout;
  }

  /** The longest silence before a heartbeat (default 5 s). */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** The silence after which a node counts as gone (default 10 s). */
  public Duration heartbeatTimeout() {
    return heartbeatTimeout;
  }

  @Override
  public String toString() {
    return "ClusterAdapterOptions[requestsTimeout=" + requestsTimeout + ", heartbeatInterval=" + heartbeatInterval
        + ", heartbeatTimeout=" + heartbeatTimeout + "]";
  }

  /** Builds {@link ClusterAdapterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private Duration requestsTimeout = Duration.ofMillis(5000);
    private Duration heartbeatInterval = Duration.ofMillis(5000);
    private Duration heartbeatTimeout = Duration.ofMillis(10_000);

    private Builder() {}

    /** How long requests wait for answers: positive. */
    public Builder requestsTimeout(Duration requestsTimeout) {
      this.requestsTimeout = positive(requestsTimeout, "requestsTimeout");
      return this;
    }

    /** The longest silence before a heartbeat: positive. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = positive(heartbeatInterval, "heartbeatInterval");
      return this;
    }

    /** The silence after which a node counts as gone: positive (longer than the interval, or nodes flap). */
    public Builder heartbeatTimeout(Duration heartbeatTimeout) {
      this.heartbeatTimeout = positive(heartbeatTimeout, "heartbeatTimeout");
      return this;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException when {@code heartbeatTimeout} is not longer than {@code heartbeatInterval}
     */
    public ClusterAdapterOptions build() {
      if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
        throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout
            + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
      }
      return new ClusterAdapterOptions(this);
    }
  }
}
