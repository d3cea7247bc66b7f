package dev.sio4j.client;

/** Hears a socket's disconnection. Runs on the manager's events thread. */
@FunctionalInterface
public interface DisconnectListener {
  /** {@code cause} is the transport's failure, when there is one; otherwise {@code null}. */
  void onDisconnect(DisconnectReason reason, Throwable cause);
}
