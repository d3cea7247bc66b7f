package dev.sio4j.server;

/**
 * Thrown by (or passed to {@link Next#fail}) a namespace middleware to refuse a connection: the client receives a
 * CONNECT_ERROR {@code {"message": message, "data": data}} and its {@code connect_error} listeners see both.
 */
public class ConnectionRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Object data;

  /** A refusal with {@code message} and no data. */
  public ConnectionRefusedException(String message) {
    this(message, null);
  }

  /** A refusal with {@code message} and {@code data} (any value Jackson can serialize, or {@code null}). */
  public ConnectionRefusedException(String message, Object data) {
    super(message, null, false, false);
    this.data = data;
  }

  /** The data sent with the message, or {@code null}. */
  public Object data() {
    return data;
  }
}
