package dev.sio4j.server;

/** Receives a socket's errors ({@code socket.on("error")} in the reference): a socket middleware's refusal. */
@FunctionalInterface
public interface ErrorListener {
  /** {@code error} happened on the socket. */
  void onError(Exception error) throws Exception;
}
