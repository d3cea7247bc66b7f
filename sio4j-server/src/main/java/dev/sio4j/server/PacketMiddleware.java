package dev.sio4j.server;

/**
 * A socket middleware ({@code socket.use(...)}): runs for each incoming event before its listeners, in order, on the
 * socket's handler executor. Throwing an exception is the same as {@code next.fail(exception)}.
 */
@FunctionalInterface
public interface PacketMiddleware {
  /** Inspects {@code event} and calls {@code next}. */
  void handle(Event event, Next next) throws Exception;
}
