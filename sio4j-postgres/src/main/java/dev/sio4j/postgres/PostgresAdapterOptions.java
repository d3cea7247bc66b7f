package dev.sio4j.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of the Postgres adapter, named and defaulted as the official Node adapter's
 * ({@code @socket.io/postgres-adapter} 0.5 {@code PostgresAdapterOptions} and the cluster adapter's options), so a
 * Java server and a Node server configured alike share one cluster. Immutable and thread-safe; build with
 * {@link #builder()}.
 *
 * <ul>
 *   <li>{@code channelPrefix}: the notification channel of a namespace is {@code <channelPrefix>#<nsp>}, default
 *       {@code "socket.io"}. Postgres truncates channel names to 63 bytes: keep prefix and namespace short.
 *   <li>{@code tableName}: the table of the payloads that cannot go in a notification, default
 *       {@code "socket_io_attachments"}.
 *   <li>{@code payloadThreshold}: a message whose JSON takes this many bytes or more goes through the table, default
 *       8000 (PostgreSQL "NOTIFY": the payload must be shorter than 8000 bytes; the reference sends exactly 8000 bytes
 *       inline, which Postgres refuses). Messages carrying binary always go through the table.
 *   <li>{@code cleanupInterval}: how often, and after how long, attachments are deleted, default 30 s (the
 *       reference's 30000 ms).
 *   <li>{@code createTable}: whether the adapter creates the table when it is missing
 *       ({@code CREATE TABLE IF NOT EXISTS}, the reference's documented schema), default {@code true}; the reference
 *       leaves it to the application.
 *   <li>{@code requestsTimeout}, {@code heartbeatInterval}, {@code heartbeatTimeout}: as the cluster adapter's, default
 *       5 s, 5 s and 10 s (the reference's).
 *   <li>{@code reconnectDelay}: how long to wait before connecting again when a connection failed, default 2 s (the
 *       reference waits 1 to 3 s).
 * </ul>
 */
public final class PostgresAdapterOptions {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final String channelPrefix;
  private final String tableName;
  private final int payloadThreshold;
  private final Duration cleanupInterval;
  private final boolean createTable;
  private final Duration requestsTimeout;
  private final Duration heartbeatInterval;
  private final Duration heartbeatTimeout;
  private final Duration reconnectDelay;

  private PostgresAdapterOptions(Builder b) {
    this.channelPrefix = b.channelPrefix;
    this.tableName = b.tableName;
    this.payloadThreshold = b.payloadThreshold;
    this.cleanupInterval = b.cleanupInterval;
    this.createTable = b.createTable;
    this.requestsTimeout = b.requestsTimeout;
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeout = b.heartbeatTimeout;
    this.reconnectDelay = b.reconnectDelay;
  }

  /** The reference's defaults. */
  public static PostgresAdapterOptions defaults() {
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

  /** The attachments table (default {@code "socket_io_attachments"}). */
  public String tableName() {
    return tableName;
  }

  /** The size from which a message goes through the table, in bytes (default 8000). */
  public int payloadThreshold() {
    return payloadThreshold;
  }

  /** The period and age of the attachments' cleanup (default 30 s). */
  public Duration cleanupInterval() {
    return cleanupInterval;
  }

  /** Whether the table is created when missing (default true). */
  public boolean createTable() {
    return createTable;
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

  /** The wait before connecting again (default 2 s). */
  public Duration reconnectDelay() {
    return reconnectDelay;
  }

  @Override
  public String toString() {
    return "PostgresAdapterOptions[channelPrefix=" + channelPrefix + ", tableName=" + tableName
        + ", payloadThreshold=" + payloadThreshold + ", cleanupInterval=" + cleanupInterval + ", createTable="
        + createTable + ", requestsTimeout=" + requestsTimeout + ", heartbeatInterval=" + heartbeatInterval
        + ", heartbeatTimeout=" + heartbeatTimeout + ", reconnectDelay=" + reconnectDelay + "]";
  }

  /** Builds {@link PostgresAdapterOptions}; each setter validates its value. Not thread-safe. */
  public static final class Builder {
    private String channelPrefix = "socket.io";
    private String tableName = "socket_io_attachments";
    private int payloadThreshold = 8000;
    private Duration cleanupInterval = Duration.ofMillis(30_000);
    private boolean createTable = true;
    private Duration requestsTimeout = Duration.ofMillis(5000);
    private Duration heartbeatInterval = Duration.ofMillis(5000);
    private Duration heartbeatTimeout = Duration.ofMillis(10_000);
    private Duration reconnectDelay = Duration.ofMillis(2000);

    private Builder() {}

    /** The channel prefix: not empty, without {@code #} (it separates prefix and namespace). */
    public Builder channelPrefix(String channelPrefix) {
      Objects.requireNonNull(channelPrefix, "channelPrefix");
      if (channelPrefix.isEmpty() || channelPrefix.indexOf('#') >= 0) {
        throw new IllegalArgumentException("channelPrefix must be non-empty, without '#': " + channelPrefix);
      }
      this.channelPrefix = channelPrefix;
      return this;
    }

    /**
     * The attachments table: an SQL identifier, optionally schema-qualified ({@code [A-Za-z_][A-Za-z0-9_]*}), since it
     * is written into the statements.
     */
    public Builder tableName(String tableName) {
      Objects.requireNonNull(tableName, "tableName");
      if (!IDENTIFIER.matcher(tableName).matches()) {
        throw new IllegalArgumentException("tableName must be a plain SQL identifier: " + tableName);
      }
      this.tableName = tableName;
      return this;
    }

    /** The size from which a message goes through the table: 1 to 8000 bytes (Postgres refuses more). */
    public Builder payloadThreshold(int payloadThreshold) {
      if (payloadThreshold < 1 || payloadThreshold > 8000) {
        throw new IllegalArgumentException("payloadThreshold must be within 1..8000: " + payloadThreshold);
      }
      this.payloadThreshold = payloadThreshold;
      return this;
    }

    /** The period and age of the cleanup: positive. */
    public Builder cleanupInterval(Duration cleanupInterval) {
      this.cleanupInterval = positive(cleanupInterval, "cleanupInterval");
      return this;
    }

    /** Whether the table is created when missing. */
    public Builder createTable(boolean createTable) {
      this.createTable = createTable;
      return this;
    }

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

    /** The silence after which a node counts as gone: positive, longer than the interval. */
    public Builder heartbeatTimeout(Duration heartbeatTimeout) {
      this.heartbeatTimeout = positive(heartbeatTimeout, "heartbeatTimeout");
      return this;
    }

    /** The wait before connecting again: positive. */
    public Builder reconnectDelay(Duration reconnectDelay) {
      this.reconnectDelay = positive(reconnectDelay, "reconnectDelay");
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
    public PostgresAdapterOptions build() {
      if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
        throw new IllegalArgumentException("heartbeatTimeout (" + heartbeatTimeout
            + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
      }
      return new PostgresAdapterOptions(this);
    }
  }
}
