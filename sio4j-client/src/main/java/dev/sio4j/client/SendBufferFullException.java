package dev.sio4j.client;

/** An emit was refused: the socket is disconnected and its send buffer holds {@code maxBufferedPackets} already. */
public final class SendBufferFullException extends SocketIoClientException {
  private static final long serialVersionUID = 1L;

  public SendBufferFullException(String message) {
    super(message);
  }
}
