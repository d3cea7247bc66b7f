package dev.sio4j.client;

/** The base of the client's errors. */
public class SocketIoClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SocketIoClientException(String message) {
    super(message);
  }

  public SocketIoClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
