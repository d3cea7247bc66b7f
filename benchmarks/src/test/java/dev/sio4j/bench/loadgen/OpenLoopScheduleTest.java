package dev.sio4j.bench.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The open-loop schedule's timelines, and latencies taken from the intended send time. */
class OpenLoopScheduleTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void timelinesTogetherSendAtEvenIntervalsOfTheRate() {
    // 4 connections, 1,000 events per second in all: one event every millisecond, each connection every 4 ms
    OpenLoopSchedule schedule = new OpenLoopSchedule(1_000 * MS, 4, 1_000);
    assertEquals(4 * MS, schedule.periodNanos());
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 5; k++) {
        times.add(schedule.intended(i, k));
      }
    }
    Collections.sort(times);
    for (int n = 0; n < times.size(); n++) {
      assertEquals(1_000 * MS + n * MS, times.get(n), "event " + n);
    }
    assertEquals(1_000 * MS + 4 * MS + 2 * MS, schedule.intended(2, 1));
  }

  @Test
  void dueCountsTheEventsWhoseTimeHasCome() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 4, 1_000);
    assertEquals(0, schedule.dueBy(1, 0), "connection 1 starts 1 ms in");
    assertEquals(1, schedule.dueBy(1, MS));
    assertEquals(1, schedule.dueBy(1, 5 * MS - 1));
    assertEquals(2, schedule.dueBy(1, 5 * MS));
    // a sender that wakes up 100 ms late owes every event due meanwhile, not just one
    assertEquals(26, schedule.dueBy(0, 100 * MS));
    for (int i = 0; i < 4; i++) {
      long due = schedule.dueBy(i, 37 * MS);
      assertEquals(true, schedule.intended(i, due - 1) <= 37 * MS);
      assertEquals(true, schedule.intended(i, due) > 37 * MS);
    }
  }

  @Test
  void latencyIsTakenFromTheIntendedTimeSoAStallCountsForEveryEventItDelayed() {
    // 1 connection, one event per millisecond; the server stalls 100 ms, answering event 0 at 100 ms and every
    // event queued behind it at once, then keeps up (1 ms each).
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1, 1_000);
    Histogram corrected = OpenLoopSchedule.histogram();
    Histogram naive = OpenLoopSchedule.histogram();
    for (int k = 0; k < 1_000; k++) {
      long intended = schedule.intended(0, k);
      long answered = k <= 100 ? 100 * MS : intended + MS;
      // the closed-loop view: the next event leaves when the previous answer came, and waits 1 ms
      naive.recordValue(k == 0 ? 100 * MS : MS);
      schedule.record(corrected, 0, k, answered);
    }
    assertEquals(1_000, corrected.getTotalCount());
    // a closed loop sees one slow event in a thousand: its p99 is 1 ms
    assertEquals(1.0, naive.getValueAtPercentile(99) / (double) MS, 0.01);
    // from the intended times, the 100 events that waited behind the stall count too, from 100 ms down to 1 ms:
    // 99 of the 1,000 are above 1 ms, so p99 is the 90 ms one and p95 the 50 ms one
    assertEquals(90.0, corrected.getValueAtPercentile(99) / (double) MS, 0.1);
    assertEquals(50.0, corrected.getValueAtPercentile(95) / (double) MS, 0.1);
    assertEquals(100.0, corrected.getMaxValue() / (double) MS, 0.1);
    assertEquals(5.949, corrected.getMean() / MS, 0.01);
  }

  @Test
  void latenciesBeyondTheTrackedRangeAreClampedNotLost() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1, 10);
    Histogram h = OpenLoopSchedule.histogram();
    schedule.record(h, 0, 0, 2 * OpenLoopSchedule.MAX_TRACKED_NANOS);
    schedule.record(h, 0, 5, 0); // answered "before" it was due: clock noise, counted as 0
    assertEquals(2, h.getTotalCount());
    assertEquals(0, h.getMinValue());
  }

  @Test
  void rejectsAnEmptySchedule() {
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0, 100));
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 1, 0));
  }
}
