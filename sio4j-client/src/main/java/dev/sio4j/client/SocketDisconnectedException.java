package dev.sio4j.client;

/** The socket disconnected before the acknowledgement came (JS client: "socket has been disconnected"). */
public final class SocketDisconnectedException extends SocketIoClientException {
  private static final long serialVersionUID = 1L;

  public SocketDisconnectedException(String message) {
    super(message);
  }
}
