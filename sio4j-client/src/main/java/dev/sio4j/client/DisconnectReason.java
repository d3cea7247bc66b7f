package dev.sio4j.client;

/** Why a socket disconnected, with the JS client's name for each reason. */
public enum DisconnectReason {
  /** The server disconnected the socket ({@code socket.disconnect()} on the server). No reconnection. */
  IO_SERVER_DISCONNECT("io server disconnect", false),
  /** The user called {@link Socket#disconnect()}. No reconnection. */
  IO_CLIENT_DISCONNECT("io client disconnect", false),
  /** No ping came within pingInterval + pingTimeout. The manager reconnects. */
  PING_TIMEOUT("ping timeout", true),
  /** The connection was closed. The manager reconnects. */
  TRANSPORT_CLOSE("transport close", true),
  /** The connection failed. The manager reconnects. */
  TRANSPORT_ERROR("transport error", true),
  /** The server sent a packet that could not be decoded. The manager reconnects. */
  PARSE_ERROR("parse error", true),
  /** The manager was closed ({@link Manager#close()}). No reconnection. */
  FORCED_CLOSE("forced close", false);

  private final String wireName;
  private final boolean reconnects;

  DisconnectReason(String wireName, boolean reconnects) {
    this.wireName = wireName;
    this.reconnects = reconnects;
  }

  /** The JS client's name of the reason, e.g. {@code "ping timeout"}. */
  public String wireName() {
    return wireName;
  }

  /** Whether the manager reconnects by itself after this reason (when reconnection is enabled). */
  public boolean reconnects() {
    return reconnects;
  }

  /** The reason named {@code name} by the JS client; {@link #TRANSPORT_CLOSE} for an unknown name. */
  public static DisconnectReason ofWireName(String name) {
    for (DisconnectReason r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    return TRANSPORT_CLOSE;
  }
}
