package dev.sio4j.client;

/** Receives one event's arguments. Runs on the manager's events thread, in the order events arrived. */
@FunctionalInterface
public interface EventListener {
  void onEvent(EventArgs args);
}
