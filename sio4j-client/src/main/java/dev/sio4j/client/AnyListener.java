package dev.sio4j.client;

/**
 * Receives every event with its name ({@link Socket#onAny} for incoming, {@link Socket#onAnyOutgoing} for outgoing).
 * Runs on the manager's events thread.
 */
@FunctionalInterface
public interface AnyListener {
  /** An event named {@code event} with {@code args}. */
  void onEvent(String event, EventArgs args);
}
