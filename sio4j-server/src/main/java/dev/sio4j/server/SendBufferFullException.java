package dev.sio4j.server;

import java.util.Objects;

/**
 * Completes an acknowledgement future exceptionally when its packet, or any packet to the same socket while the ack
 * was pending, could not be queued because the connection's send buffer was full: the server closed the connection
 * ({@link DisconnectReason#SEND_BUFFER_FULL}), so the answer can no longer arrive. The client reconnects by itself.
 */
public final class SendBufferFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String socketId;

  /** Socket {@code socketId}'s connection was closed because its send buffer was full. */
  public SendBufferFullException(String socketId) {
    super("socket " + Objects.requireNonNull(socketId, "socketId")
        + ": its send buffer was full, so its connection was closed before the acknowledgement", null, false, false);
    this.socketId = socketId;
  }

  /** The socket whose connection was closed. */
  public String socketId() {
    return socketId;
  }
}
