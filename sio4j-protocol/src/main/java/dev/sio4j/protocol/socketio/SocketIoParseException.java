package dev.sio4j.protocol.socketio;

/**
 * A Socket.IO packet violated the protocol (unknown type, bad attachment count, invalid payload for its type, reserved
 * event name, attachment out of order). The reference server closes the connection with reason "parse error".
 */
public final class SocketIoParseException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message} saying what was wrong. */
  public SocketIoParseException(String message) {
    super(message);
  }

  /** An exception with {@code message} and its cause (a JSON syntax error). */
  public SocketIoParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
