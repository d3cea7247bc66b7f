package dev.sio4j.server;

/**
 * Handles the events other servers of the cluster send to a namespace ({@link Namespace#onServerSideEvent}); runs on
 * the server's handler executor, never on I/O threads.
 */
@FunctionalInterface
public interface ServerSideEventListener {
  /** Handles {@code event}; an exception is logged and the server goes on. */
  void onEvent(ServerSideEvent event) throws Exception;
}
