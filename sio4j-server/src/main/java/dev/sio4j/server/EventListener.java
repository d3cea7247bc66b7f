package dev.sio4j.server;

/**
 * Handles one event ({@code socket.on(name, listener)}); runs on the socket's handler executor, never on I/O threads.
 */
@FunctionalInterface
public interface EventListener {
  /** Handles {@code event}; an exception is logged and the socket goes on. */
  void handle(Event event) throws Exception;
}
