package dev.sio4j.examples.chat;

import dev.sio4j.protocol.socketio.SocketIoParser;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The chat demo's settings. Immutable; build with {@link #builder()}, every setter validates its argument.
 *
 * <ul>
 *   <li>{@code port}: 3000 (0 picks a free port)
 *   <li>{@code adminToken}: the token the {@code /admin} namespace requires; default: environment variable
 *       {@code CHAT_ADMIN_TOKEN}, else a random one printed at startup
 *   <li>{@code historySize}: 50 recent messages kept per room and sent on join
 *   <li>{@code maxRooms}: 100 rooms at most (rooms without members are dropped, except the permanent ones)
 *   <li>{@code maxMessageLength}: 2000 characters
 *   <li>{@code maxImageBytes}: 900 000 bytes (below the engine's default {@code maxHttpBufferSize} of 1 MB)
 *   <li>{@code permanentRooms}: general, random, java
 *   <li>{@code parser}: the Socket.IO parser, JSON by default; with msgpack the page loads the browser bundle that
 *       has {@code socket.io-msgpack-parser} built in, {@code /socket.io/socket.io.msgpack.min.js}
 * </ul>
 */
public final class ChatOptions {
  private final int port;
  private final String adminToken;
  private final int historySize;
  private final int maxRooms;
  private final int maxMessageLength;
  private final int maxImageBytes;
  private final List<String> permanentRooms;
  private final SocketIoParser parser;

  private ChatOptions(Builder b) {
    this.port = b.port;
    this.adminToken = b.adminToken != null ? b.adminToken : defaultToken();
    this.historySize = b.historySize;
    this.maxRooms = b.maxRooms;
    this.maxMessageLength = b.maxMessageLength;
    this.maxImageBytes = b.maxImageBytes;
    this.permanentRooms = b.permanentRooms;
    this.parser = b.parser;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int port() {
    return port;
  }

  public String adminToken() {
    return adminToken;
  }

  public int historySize() {
    return historySize;
  }

  public int maxRooms() {
    return maxRooms;
  }

  public int maxMessageLength() {
    return maxMessageLength;
  }

  public int maxImageBytes() {
    return maxImageBytes;
  }

  public List<String> permanentRooms() {
    return permanentRooms;
  }

  public SocketIoParser parser() {
    return parser;
  }

  private static String defaultToken() {
    String env = System.getenv("CHAT_ADMIN_TOKEN");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Builds {@link ChatOptions}; not thread-safe. */
  public static final class Builder {
    private int port = 3000;
    private String adminToken;
    private int historySize = 50;
    private int maxRooms = 100;
    private int maxMessageLength = 2000;
    private int maxImageBytes = 900_000;
    private List<String> permanentRooms = List.of("general", "random", "java");
    private SocketIoParser parser = SocketIoParser.json();

    private Builder() {}

    public Builder parser(SocketIoParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    public Builder adminToken(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("admin token must not be blank");
      }
      this.adminToken = token;
      return this;
    }

    public Builder historySize(int size) {
      if (size < 0 || size > 10_000) {
        throw new IllegalArgumentException("historySize must be in [0, 10000]: " + size);
      }
      this.historySize = size;
      return this;
    }

    public Builder maxRooms(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxRooms must be positive: " + max);
      }
      this.maxRooms = max;
      return this;
    }

    public Builder maxMessageLength(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxMessageLength must be positive: " + max);
      }
      this.maxMessageLength = max;
      return this;
    }

    public Builder maxImageBytes(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxImageBytes must be positive: " + max);
      }
      this.maxImageBytes = max;
      return this;
    }

    public Builder permanentRooms(List<String> rooms) {
      for (String room : rooms) {
        if (!room.equals(ChatRooms.normalize(room))) {
          throw new IllegalArgumentException("not a valid room name: " + room);
        }
      }
      this.permanentRooms = List.copyOf(rooms);
      return this;
    }

    public ChatOptions build() {
      if (permanentRooms.size() > maxRooms) {
        throw new IllegalArgumentException("more permanent rooms than maxRooms");
      }
      return new ChatOptions(this);
    }
  }
}
