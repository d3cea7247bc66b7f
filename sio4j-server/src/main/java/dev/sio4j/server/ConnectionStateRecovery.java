package dev.sio4j.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The options of connection state recovery ({@code connectionStateRecovery} in the reference server), turned on with
 * {@link ServerOptions.Builder#connectionStateRecovery(ConnectionStateRecovery)}; off by default, as the reference.
 *
 * <p>When on, a socket that lost its connection for a recoverable reason (transport close or error, ping timeout,
 * forced close, server shutdown) keeps its id, rooms and data for {@link #maxDisconnectionDuration()}; the adapter keeps
 * every broadcast event (not volatile, without ack) for as long, each tagged with an offset the client remembers. A
 * client that reconnects in time with its private session id and last offset gets its socket back
 * ({@link Socket#recovered()}) and the events it missed, in order. When it missed as many events as the session's
 * send buffer holds ({@code EngineOptions.sendBufferSize()}, default 10,000) or more, it gets a fresh socket instead
 * ({@code recovered()} false): a replay cut to fit would lose events without a sign.
 *
 * <p>Immutable and thread-safe; built with {@link #builder()}, each setter validating its value.
 */
public final class ConnectionStateRecovery {
  private final Duration maxDisconnectionDuration;
  private final boolean skipMiddlewares;
  private final int maxPackets;

  private ConnectionStateRecovery(Builder b) {
    this.maxDisconnectionDuration = b.maxDisconnectionDuration;
    this.skipMiddlewares = b.skipMiddlewares;
    this.maxPackets = b.maxPackets;
  }

  /** The defaults: 2 minutes, middlewares skipped, 10 000 packets kept per namespace. */
  public static ConnectionStateRecovery defaults() {
    return builder().build();
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long a disconnected session and the broadcast packets stay restorable. */
  public Duration maxDisconnectionDuration() {
    return maxDisconnectionDuration;
  }

  /** Whether a recovered socket skips the namespace middlewares. */
  public boolean skipMiddlewares() {
    return skipMiddlewares;
  }

  /** The most broadcast packets the in-memory adapter keeps per namespace for replay. */
  public int maxPackets() {
    return maxPackets;
  }

  @Override
  public String toString() {
    return "ConnectionStateRecovery{maxDisconnectionDuration=" + maxDisconnectionDuration + ", skipMiddlewares="
        + skipMiddlewares + ", maxPackets=" + maxPackets + "}";
  }

  /** Builds {@link ConnectionStateRecovery}. Not thread-safe. */
  public static final class Builder {
    private Duration maxDisconnectionDuration = Duration.ofMinutes(2);
    private boolean skipMiddlewares = true;
    private int maxPackets = 10_000;

    private Builder() {}

    /**
     * How long a session stays restorable after its disconnection, and how long broadcast packets are kept (default
     * 2 minutes, the reference's {@code maxDisconnectionDuration} of 120 000 ms); positive.
     */
    public Builder maxDisconnectionDuration(Duration duration) {
      Objects.requireNonNull(duration, "maxDisconnectionDuration");
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("maxDisconnectionDuration must be positive: " + duration);
      }
      this.maxDisconnectionDuration = duration;
      return this;
    }

    /**
     * Whether a recovered socket joins without running the namespace middlewares again (default true, as the
     * reference's {@code skipMiddlewares}): it passed them when it first connected.
     */
    public Builder skipMiddlewares(boolean skip) {
      this.skipMiddlewares = skip;
      return this;
    }

    /**
     * The most broadcast packets the in-memory adapter keeps per namespace (default 10 000; the reference bounds them
     * by age only). Past it the oldest are dropped, and a client whose offset was dropped reconnects with a fresh
     * session instead of a partial replay: memory stays bounded whatever the broadcast rate.
     */
    public Builder maxPackets(int maxPackets) {
      if (maxPackets < 1) {
        throw new IllegalArgumentException("maxPackets must be at least 1: " + maxPackets);
      }
      this.maxPackets = maxPackets;
      return this;
    }

    /** The options. */
    public ConnectionStateRecovery build() {
      return new ConnectionStateRecovery(this);
    }
  }
}
