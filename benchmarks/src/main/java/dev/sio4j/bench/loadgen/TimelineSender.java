package dev.sio4j.bench.loadgen;

import java.util.function.LongConsumer;

/**
 * One timeline of an {@link OpenLoopSchedule}, run on its connection's event loop: sends every event due by now (late
 * ones at once: they keep their intended time, so their wait is counted), then sleeps until the next one is due.
 * Stops after {@code total} events, or when the connection closes.
 */
final class TimelineSender implements Runnable {
  private final Connection c;
  private final int timeline;
  private final OpenLoopSchedule schedule;
  private final long total;
  private final long[] next;
  private final LongConsumer send;

  /**
   * @param next {@code next[timeline]} is the next event to send, advanced here (read it on the same event loop)
   * @param send sends event {@code k}
   */
  TimelineSender(Connection c, int timeline, OpenLoopSchedule schedule, long total, long[] next, LongConsumer send) {
    this.c = c;
    this.timeline = timeline;
    this.schedule = schedule;
    this.total = total;
    this.next = next;
    this.send = send;
  }

  @Override
  public void run() {
    if (c.closing()) {
      return;
    }
    long due = Math.min(total, schedule.dueBy(timeline, System.nanoTime()));
    while (next[timeline] < due) {
      send.accept(next[timeline]++);
    }
    if (next[timeline] < total) {
      c.schedule(this, Math.max(0, schedule.intended(timeline, next[timeline]) - System.nanoTime()));
    }
  }
}
