package dev.sio4j.server;

import java.util.Objects;

/**
 * Completes a pending acknowledgement future exceptionally when its socket disconnected (or could not send) before
 * the client answered: the answer can no longer arrive. {@link #reason()} says why the socket left.
 */
public final class SocketDisconnectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final DisconnectReason reason;

  /** Socket {@code socketId} left for {@code reason} ({@code null} when it was already gone at the emit). */
  public SocketDisconnectedException(String socketId, DisconnectReason reason) {
    super("socket " + Objects.requireNonNull(socketId, "socketId")
        + (reason == null ? " is disconnected" : " disconnected (" + reason + ") before acknowledging"), null, false,
        false);
    this.reason = reason;
  }

  /** Why the socket left, or {@code null} when it was already disconnected when the event was emitted. */
  public DisconnectReason reason() {
    return reason;
  }
}
