package dev.sio4j.server;

/**
 * A namespace middleware ({@code namespace.use(...)}): runs for each incoming connection before the socket joins, on
 * the socket's handler executor. Throwing an exception is the same as {@code next.fail(exception)}.
 */
@FunctionalInterface
public interface Middleware {
  /** Inspects {@code socket} (its handshake and auth) and calls {@code next}. */
  void handle(Socket socket, Next next) throws Exception;
}
