package dev.sio4j.admin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@link SocketIoAdmin}. Immutable and thread-safe; build with {@link #builder()}. Defaults are those of
 * the reference ({@code @socket.io/admin-ui}, {@code instrument(io, opts)}) unless said otherwise. An authentication
 * choice is required, as in the reference: {@link Builder#basicAuth} or, explicitly, {@link Builder#noAuth()}.
 */
public final class AdminOptions {
  private final String namespace;
  private final String username;
  private final String passwordHash;
  private final boolean readonly;
  private final String serverId;
  private final Duration statsInterval;
  private final List<String> namespaces;

  private AdminOptions(Builder b) {
    this.namespace = b.namespace;
    this.username = b.username;
    this.passwordHash = b.passwordHash;
    this.readonly = b.readonly;
    this.serverId = b.serverId;
    this.statsInterval = b.statsInterval;
    this.namespaces = List.copyOf(b.namespaces);
  }

  /** A builder holding the defaults, with no authentication chosen yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Admin UI's namespace. Default {@code /admin} (the reference's {@code namespaceName}). */
  public String namespace() {
    return namespace;
  }

  /** The user name of basic authentication, or {@code null} when authentication is off. */
  public String username() {
    return username;
  }

  /** The bcrypt hash of the password of basic authentication, or {@code null} when authentication is off. */
  public String passwordHash() {
    return passwordHash;
  }

  /** Whether the UI may only watch (no emit, join, leave, disconnect). Default false (the reference's). */
  public boolean readonly() {
    return readonly;
  }

  /** The id this server shows in the UI. Default the host name (the reference's). */
  public String serverId() {
    return serverId;
  }

  /** How often {@code server_stats} goes to the UI. Default 2 s (the reference's fixed interval). */
  public Duration statsInterval() {
    return statsInterval;
  }

  /**
   * The namespaces the UI sees and may act on (the reference sees every namespace; sio4j names them, so the UI
   * cannot create one by naming it). Default {@code /} only.
   */
  public List<String> namespaces() {
    return namespaces;
  }

  /** Builds {@link AdminOptions}; each setter validates its argument. Not thread-safe. */
  public static final class Builder {
    private String namespace = "/admin";
    private String username;
    private String passwordHash;
    private boolean authChosen;
    private boolean readonly;
    private String serverId = hostName();
    private Duration statsInterval = Duration.ofSeconds(2);
    private List<String> namespaces = List.of("/");

    private Builder() {}

    /** See {@link AdminOptions#namespace()}; must start with {@code /}. */
    public Builder namespace(String name) {
      if (name == null || !name.startsWith("/")) {
        throw new IllegalArgumentException("namespace must start with /: " + name);
      }
      this.namespace = name;
      return this;
    }

    /**
     * Basic authentication: the UI's user name and password are checked against {@code username} and the bcrypt
     * {@code passwordHash} ({@code $2a$}, {@code $2b$} or {@code $2y$}; {@link SocketIoAdmin#hashPassword} makes one).
     */
    public Builder basicAuth(String username, String passwordHash) {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(passwordHash, "passwordHash");
      if (!passwordHash.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}")) {
        throw new IllegalArgumentException("passwordHash must be a bcrypt hash");
      }
      this.username = username;
      this.passwordHash = passwordHash;
      this.authChosen = true;
      return this;
    }

    /** No authentication (the reference's {@code auth: false}): anyone reaching the server may use the UI. */
    public Builder noAuth() {
      this.username = null;
      this.passwordHash = null;
      this.authChosen = true;
      return this;
    }

    /** See {@link AdminOptions#readonly()}. */
    public Builder readonly(boolean readonly) {
      this.readonly = readonly;
      return this;
    }

    /** See {@link AdminOptions#serverId()}; not empty. */
    public Builder serverId(String serverId) {
      if (serverId == null || serverId.isEmpty()) {
        throw new IllegalArgumentException("serverId must not be empty");
      }
      this.serverId = serverId;
      return this;
    }

    /** See {@link AdminOptions#statsInterval()}; at least 100 ms. */
    public Builder statsInterval(Duration interval) {
      if (interval == null || interval.toMillis() < 100) {
        throw new IllegalArgumentException("statsInterval must be at least 100 ms: " + interval);
      }
      this.statsInterval = interval;
      return this;
    }

    /** See {@link AdminOptions#namespaces()}; each starts with {@code /}. */
    public Builder namespaces(String... names) {
      for (String name : names) {
        if (name == null || !name.startsWith("/")) {
          throw new IllegalArgumentException("a namespace must start with /: " + name);
        }
      }
      this.namespaces = List.of(names);
      return this;
    }

    /**
     * The immutable options.
     *
     * @throws IllegalStateException when neither {@link #basicAuth} nor {@link #noAuth()} was called
     */
    public AdminOptions build() {
      if (!authChosen) {
        throw new IllegalStateException("choose basicAuth(username, bcryptHash) or, explicitly, noAuth()");
      }
      return new AdminOptions(this);
    }

    private static String hostName() {
      try {
        return java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        return "localhost";
      }
    }
  }
}
