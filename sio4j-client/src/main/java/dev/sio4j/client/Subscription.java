package dev.sio4j.client;

/** A registered listener; {@link #cancel()} removes it. Thread-safe. */
@FunctionalInterface
public interface Subscription {
  void cancel();
}
