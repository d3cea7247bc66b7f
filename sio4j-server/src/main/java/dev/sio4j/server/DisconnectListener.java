package dev.sio4j.server;

/** Called when a socket is about to leave ({@code disconnecting}) or has left ({@code disconnect}) its namespace. */
@FunctionalInterface
public interface DisconnectListener {
  /** The socket leaves for {@code reason}. */
  void onDisconnect(Socket socket, DisconnectReason reason) throws Exception;
}
