package dev.sio4j.client.internal;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, as the JS client computes its reconnection delays: the n-th delay is
 * {@code min * 2^n}, moved up or down by at most {@code jitter} of itself at random, and capped at {@code max}.
 * Not thread-safe (confined to the manager's event loop).
 */
public final class Backoff {
  private final long min;
  private final long max;
  private final double jitter;
  private final DoubleSupplier random;
  private int attempts;

  public Backoff(long min, long max, double jitter, DoubleSupplier random) {
    this.min = min;
    this.max = max;
    this.jitter = jitter;
    this.random = random;
  }

  /** The next delay in milliseconds; counts one attempt. */
  public long duration() {
    double ms = min * Math.pow(2, attempts++);
    if (jitter > 0) {
      double rand = random.getAsDouble();
      double deviation = Math.floor(rand * jitter * ms);
      ms = (((int) Math.floor(rand * 10)) & 1) == 0 ? ms - deviation : ms + deviation;
    }
    return (long) Math.max(0, Math.min(ms, max));
  }

  public int attempts() {
    return attempts;
  }

  public void reset() {
    attempts = 0;
  }
}
