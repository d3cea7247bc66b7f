package dev.sio4j.examples.chat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters for the admin dashboard: connected sockets, messages posted, and the message rate measured between
 * two successive {@link #sample()} calls (the server samples once a second). Thread-safe.
 */
final class ChatStats {
  private final Clock clock;
  private final long startedAt;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong messages = new AtomicLong();
  private long lastSampleAt;
  private long lastSampleCount;
  private double rate;

  ChatStats(Clock clock) {
    this.clock = clock;
    this.startedAt = clock.millis();
    this.lastSampleAt = startedAt;
  }

  void connected() {
    connections.incrementAndGet();
  }

  void disconnected() {
    connections.decrementAndGet();
  }

  void posted() {
    messages.incrementAndGet();
  }

  int connections() {
    return connections.get();
  }

  long totalMessages() {
    return messages.get();
  }

  /** Closes the current measuring interval; returns messages per second over it. */
  synchronized double sample() {
    long now = clock.millis();
    long count = messages.get();
    if (now > lastSampleAt) {
      rate = (count - lastSampleCount) * 1000.0 / (now - lastSampleAt);
      lastSampleAt = now;
      lastSampleCount = count;
    }
    return rate;
  }

  long uptimeSeconds() {
    return (clock.millis() - startedAt) / 1000;
  }
}
