package dev.sio4j.engine;

/** Why an Engine.IO session closed; {@link #reason()} is the reference server's wording. */
public enum EngineCloseReason {
  /** The client closed the transport (or sent a CLOSE packet). */
  TRANSPORT_CLOSE("transport close"),
  /** The transport failed (I/O error, oversized or malformed frame at the transport level). */
  TRANSPORT_ERROR("transport error"),
  /** No PONG came within pingInterval + pingTimeout. */
  PING_TIMEOUT("ping timeout"),
  /** The client sent a packet that could not be decoded. */
  PARSE_ERROR("parse error"),
  /** The server closed the session ({@link EngineSocket#close()}). */
  FORCED_CLOSE("forced close"),
  /**
   * A packet could not be queued: the session's send buffer was full ({@link EngineOptions#sendBufferSize()} or
   * {@link EngineOptions#sendBufferBytes()}), so the server closed the session rather than drop the packet. Not one of
   * the reference's reasons: its buffer is unbounded. The client sees its transport close and reconnects.
   */
  SEND_BUFFER_FULL("send buffer full"),
  /** The server is shutting down. */
  SERVER_SHUTTING_DOWN("server shutting down");

  private final String reason;

  EngineCloseReason(String reason) {
    this.reason = reason;
  }

  /** The reason as the reference implementation words it. */
  public String reason() {
    return reason;
  }
}
