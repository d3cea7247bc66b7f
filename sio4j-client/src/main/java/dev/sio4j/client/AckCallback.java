package dev.sio4j.client;

/**
 * Receives the acknowledgement of an emit: the server's arguments, or an error ({@link AckTimeoutException},
 * {@link SocketDisconnectedException}, {@link SendBufferFullException}) and empty arguments. Runs on the manager's
 * events thread. As an emit's last argument, it asks the server for an acknowledgement.
 */
@FunctionalInterface
public interface AckCallback {
  /** {@code error} is null and {@code args} holds the server's arguments, or {@code error} says why none came. */
  void onAck(Throwable error, EventArgs args);
}
