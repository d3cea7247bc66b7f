package dev.sio4j.server;

import dev.sio4j.engine.EngineCloseReason;

/** Why a socket left its namespace; {@link #reason()} is the reference server's wording. */
public enum DisconnectReason {
  /** The transport closed (the client went away, or closed the Engine.IO session). */
  TRANSPORT_CLOSE("transport close"),
  /** The transport failed. */
  TRANSPORT_ERROR("transport error"),
  /** The client did not answer a heartbeat within pingInterval + pingTimeout. */
  PING_TIMEOUT("ping timeout"),
  /** The client sent an invalid packet; the connection was closed. */
  PARSE_ERROR("parse error"),
  /** The Engine.IO session was closed by the server. */
  FORCED_CLOSE("forced close"),
  /** The server closed the connection itself (e.g. {@code disconnect(true)} on another namespace's socket). */
  FORCED_SERVER_CLOSE("forced server close"),
  /**
   * A packet for the client could not be queued: its connection's send buffer was full, and the server closed the
   * connection rather than drop the packet in silence. The client sees a transport close and reconnects; with
   * connection state recovery it then receives what it missed. Not one of the reference's reasons (its buffer is
   * unbounded).
   */
  SEND_BUFFER_FULL("send buffer full"),
  /** The server is shutting down ({@link SocketIoServer#close()}). */
  SERVER_SHUTTING_DOWN("server shutting down"),
  /** The client left the namespace ({@code socket.disconnect()} on the client side). */
  CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
  /** The server removed the socket ({@code socket.disconnect()} on the server side). */
  SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

  private final String reason;

  DisconnectReason(String reason) {
    this.reason = reason;
  }

  /** The reason as the reference implementation words it. */
  public String reason() {
    return reason;
  }

  /**
   * Whether connection state recovery keeps the session of a socket that left for this reason: every loss of the
   * connection (transport close or error, ping timeout, forced close, forced server close, server shutting down — the
   * reference's {@code RECOVERABLE_DISCONNECT_REASONS} — and a full send buffer), but neither a parse error nor a deliberate leave of the
   * namespace by either side.
   */
  public boolean recoverable() {
    switch (this) {
      case PARSE_ERROR:
      case CLIENT_NAMESPACE_DISCONNECT:
      case SERVER_NAMESPACE_DISCONNECT:
        return false;
      default:
        return true;
    }
  }

  /** The reason a closed Engine.IO session gives its sockets. */
  public static DisconnectReason of(EngineCloseReason reason) {
    switch (reason) {
      case TRANSPORT_CLOSE: return TRANSPORT_CLOSE;
      case TRANSPORT_ERROR: return TRANSPORT_ERROR;
      case PING_TIMEOUT: return PING_TIMEOUT;
      case PARSE_ERROR: return PARSE_ERROR;
      case SERVER_SHUTTING_DOWN: return SERVER_SHUTTING_DOWN;
      case SEND_BUFFER_FULL: return SEND_BUFFER_FULL;
      case FORCED_CLOSE:
      default: return FORCED_CLOSE;
    }
  }

  @Override
  public String toString() {
    return reason;
  }
}
