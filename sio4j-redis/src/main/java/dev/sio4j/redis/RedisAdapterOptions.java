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
 *   <li>{@code sharedRecovery}: keep connection state recovery in Redis instead of each server's memory, so a client
 *       recovers on any server of the cluster, default {@code false} (the reference keeps it in memory: a client
 *       recovers only on the server it left). Every broadcast that recovery keeps is first added to the capped stream
 *       {@code <key>-recovery#<nsp>#} ({@code XADD MAXLEN ~ recoveryStreamMaxLen}), whose entry id is its offset, then
 *       published with that offset as its last argument; sessions are kept as {@code <sessionKeyPrefix><pid>}, as the
 *       streams adapter keeps them. Turn it on on every server of the cluster, or none: a server without it would
 *       hand the offset to its clients as one more argument. Bounded: a client away for more than
 *       {@code recoveryStreamMaxLen} broadcasts of its namespace, or for longer than
 *       {@code maxDisconnectionDuration}, is not recovered (a fresh session, never a partial replay). Can be lost: a
 *       broadcast whose {@code XADD} failed (Redis unreachable) is delivered without an offset and not kept, and
 *       broadcasts of two servers may reach a client in another order than the stream's, so that one may be replayed
 *       twice. Requires Redis 5+ (streams).
 *   <li>{@code recoveryStreamMaxLen}: with {@code sharedRecovery}, the approximate length of each namespace's recovery
 *       stream, default 10,000 (the streams adapter's {@code maxLen}).
 *   <li>{@code sessionKeyPrefix}: with {@code sharedRecovery}, the prefix of the session keys, default
 *       {@code "sio:session:"} (the streams adapter's).
 * </ul>
 */
public final class RedisAdapterOptions {
  private final String key;
  private final Duration requestsTimeout;
  private final boolean publishOnSpecificResponseChannel;
  private final boolean sharedRecovery;
  private final int recoveryStreamMaxLen;
  private final String sessionKeyPrefix;

  private RedisAdapterOptions(Builder b) {
    this.sharedRecovery = b.sharedRecovery;
    this.recoveryStreamMaxLen = b.recoveryStreamMaxLen;
    this.sessionKeyPrefix = b.sessionKeyPrefix;
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

  /** Whether connection state recovery is kept in Redis, shared by the cluster (default false). */
  public boolean sharedRecovery() {
    return sharedRecovery;
  }

  /** The approximate length of each namespace's recovery stream (default 10,000). */
  public int recoveryStreamMaxLen() {
    return recoveryStreamMaxLen;
  }

  /** The session keys' prefix (default {@code "sio:session:"}). */
  public String sessionKeyPrefix() {
    return sessionKeyPrefix;
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return builder().key(key).requestsTimeout(requestsTimeout)
        .publishOnSpecificResponseChannel(publishOnSpecificResponseChannel).sharedRecovery(sharedRecovery)
        .recoveryStreamMaxLen(recoveryStreamMaxLen).sessionKeyPrefix(sessionKeyPrefix);
  }

  @Override
  public String toString() {
    return "RedisAdapterOptions[key=" + key + ", requestsTimeout=" + requestsTimeout
        + ", publishOnSpecificResponseChannel=" + publishOnSpecificResponseChannel + ", sharedRecovery="
        + sharedRecovery + ", recoveryStreamMaxLen=" + recoveryStreamMaxLen + ", sessionKeyPrefix=" + sessionKeyPrefix
        + "]";
  }

  /** Builds {@link RedisAdapterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String key = "socket.io";
    private Duration requestsTimeout = Duration.ofMillis(5000);
    private boolean publishOnSpecificResponseChannel;
    private boolean sharedRecovery;
    private int recoveryStreamMaxLen = 10_000;
    private String sessionKeyPrefix = "sio:session:";

    private Builder() {}

    /** Whether connection state recovery is kept in Redis, shared by the cluster. */
    public Builder sharedRecovery(boolean sharedRecovery) {
      this.sharedRecovery = sharedRecovery;
      return this;
    }

    /** The approximate length of each namespace's recovery stream: positive. */
    public Builder recoveryStreamMaxLen(int recoveryStreamMaxLen) {
      if (recoveryStreamMaxLen <= 0) {
        throw new IllegalArgumentException("recoveryStreamMaxLen must be positive: " + recoveryStreamMaxLen);
      }
      this.recoveryStreamMaxLen = recoveryStreamMaxLen;
      return this;
    }

    /** The session keys' prefix: not empty. */
    public Builder sessionKeyPrefix(String sessionKeyPrefix) {
      Objects.requireNonNull(sessionKeyPrefix, "sessionKeyPrefix");
      if (sessionKeyPrefix.isEmpty()) {
        throw new IllegalArgumentException("sessionKeyPrefix must not be empty");
      }
      this.sessionKeyPrefix = sessionKeyPrefix;
      return this;
    }

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
