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
