package dev.sio4j.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * Options of a {@link RedisEmitter}, named and defaulted as the reference's ({@code @socket.io/redis-emitter} 5.x
 * {@code EmitterOptions}). Immutable and thread-safe; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code key}: prefix of every channel, default {@code "socket.io"} (the reference's default); it must be the
 *       {@code key} of the servers' Redis adapters. Broadcasts go to {@code <key>#<nsp>#} (or
 *       {@code <key>#<nsp>#<room>#} for a single room), requests to {@code <key>-request#<nsp>#}.
 *   <li>{@code mapper}: turns the arguments of {@code emit} and {@code serverSideEmit} into JSON trees ({@code byte[]}
 *       becomes binary), default a plain {@code new ObjectMapper()} (the reference's messages are msgpack, made by
 *       {@code notepack.io}; the emitter writes msgpack the same way). It must not be reconfigured once given.
 * </ul>
 */
public final class RedisEmitterOptions {
  private final String key;
  private final ObjectMapper mapper;

  private RedisEmitterOptions(Builder b) {
    this.key = b.key;
    this.mapper = b.mapper == null ? new ObjectMapper() : b.mapper;
  }

  /** The reference's defaults. */
  public static RedisEmitterOptions defaults() {
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

  /** The mapper of the arguments (default a plain {@code ObjectMapper}). */
  public ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public String toString() {
    return "RedisEmitterOptions[key=" + key + "]";
  }

  /** Builds {@link RedisEmitterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String key = "socket.io";
    private ObjectMapper mapper;

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

    /** The mapper of the arguments: not null. */
    public Builder mapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /** The options. */
    public RedisEmitterOptions build() {
      return new RedisEmitterOptions(this);
    }
  }
}
