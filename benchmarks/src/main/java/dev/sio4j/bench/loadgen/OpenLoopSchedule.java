package dev.sio4j.bench.loadgen;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.ValueRecorder;

/**
 * A fixed send schedule for an open-loop load: {@code connections} timelines, each sending one event every {@code
 * period} nanoseconds, staggered so that together they send {@code rate} events per second at even intervals. Event
 * {@code k} of connection {@code i} is due at {@code start + (i + k * connections) * interval}, whatever the server
 * answered so far: a slow answer never delays the next send.
 *
 * <p>Latencies are taken from the <em>intended</em> send time, not from when the event actually left: when the load
 * generator falls behind (a pause of its own, a full socket), the events sent late have waited too, and a closed
 * loop that measures from the actual send would leave that wait out (coordinated omission, as Gil Tene named it).
 *
 * <p>Immutable and thread-safe.
 */
public final class OpenLoopSchedule {
  /** The largest latency recorded exactly; anything longer is recorded as this (one minute). */
  public static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final long start;
  private final int connections;
  private final double interval;

  /**
   * @param startNanos when event 0 of connection 0 is due ({@link System#nanoTime()})
   * @param connections how many timelines
   * @param rate events per second over all connections
   */
  public OpenLoopSchedule(long startNanos, int connections, double rate) {
    if (connections < 1 || !(rate > 0)) {
      throw new IllegalArgumentException("connections and rate must be positive: " + connections + ", " + rate);
    }
    this.start = startNanos;
    this.connections = connections;
    this.interval = 1e9 / rate;
  }

  /** When event {@code k} of connection {@code i} is due. */
  public long intended(int i, long k) {
    return start + Math.round((i + (double) k * connections) * interval);
  }

  /** How many events of connection {@code i} are due at {@code now} (events 0 .. n-1). */
  public long dueBy(int i, long now) {
    double slots = (now - start) / interval - i;
    return slots < 0 ? 0 : (long) Math.floor(slots / connections) + 1;
  }

  /** Nanoseconds between two events of one connection. */
  public long periodNanos() {
    return Math.round(interval * connections);
  }

  /** A histogram for latencies of up to {@link #MAX_TRACKED_NANOS}, three significant digits. */
  public static Histogram histogram() {
    return new Histogram(MAX_TRACKED_NANOS, 3);
  }

  /**
   * Records the latency of event {@code k} of connection {@code i}, answered at {@code now}: from when it was due,
   * not from when it was sent.
   */
  public void record(ValueRecorder histogram, int i, long k, long now) {
    histogram.recordValue(Math.max(0, Math.min(MAX_TRACKED_NANOS, now - intended(i, k))));
  }
}
