package dev.sio4j.server;

/**
 * Lets a middleware continue the chain or stop it. Call exactly one method, once, from any thread; further calls are
 * ignored.
 */
public interface Next {
  /** Continues with the next middleware (or completes the connection / delivers the packet). */
  void proceed();

  /**
   * Stops the chain. For a namespace middleware the client gets a CONNECT_ERROR (use
   * {@link ConnectionRefusedException} to send data along); for a socket middleware the socket's {@code error}
   * listeners receive {@code error}.
   */
  void fail(Exception error);
}
