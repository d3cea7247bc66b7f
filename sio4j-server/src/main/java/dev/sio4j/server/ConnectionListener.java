package dev.sio4j.server;

/** Called when a socket joined a namespace ({@code io.onConnection(...)}), on the socket's handler executor. */
@FunctionalInterface
public interface ConnectionListener {
  /** A socket connected; register its listeners here. */
  void onConnection(Socket socket) throws Exception;
}
