package dev.sio4j.client;

/** No acknowledgement came within the emit's timeout (JS client: "operation has timed out"). */
public final class AckTimeoutException extends SocketIoClientException {
  private static final long serialVersionUID = 1L;

  /** A timeout, described by {@code message}. */
  public AckTimeoutException(String message) {
    super(message);
  }
}
