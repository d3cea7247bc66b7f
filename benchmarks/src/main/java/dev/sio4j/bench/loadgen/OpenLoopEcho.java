package dev.sio4j.bench.loadgen;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop echo: {@code clients} WebSocket clients send acknowledged {@code echo} events on a fixed
 * {@link OpenLoopSchedule}, {@code rate} per second in all, whatever the server answers; each ack's latency is taken
 * from when its event was due. The first {@code warmup} of the timeline is sent but not recorded; events due in the
 * following {@code measured} are. Events still unanswered a {@code drain} after the last one was due are counted as
 * unanswered and recorded with the latency they had reached then (they took at least that long): a server that falls
 * behind shows it in its tail, not by leaving samples out.
 */
public final class OpenLoopEcho {
  /**
   * What one rate gave.
   *
   * @param rate the scheduled rate, events per second
   * @param sent events of the measured window actually sent
   * @param answered of those, acknowledged before the drain ended
   * @param failedClients clients whose connection failed during the run
   * @param latencies latency from the intended send time, nanoseconds, of every measured event (unanswered ones
   *     included, see above)
   */
  public record Result(double rate, long sent, long answered, int failedClients, Histogram latencies) {
    /** Measured events that got no answer in time. */
    public long unanswered() {
      return sent - answered;
    }
  }

  private OpenLoopEcho() {}

  /** Runs one rate against the scenarios' server; the connections are opened and closed here. */
  public static Result run(Scenarios s, int clients, double rate, Duration warmup, Duration measured, Duration drain,
      int inFlight) throws Exception {
    Connection[] all = s.open(clients, inFlight, s.load::openWebSocket);
    try {
      // the first events are due a little after this, so that every timeline is armed before its first send
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      OpenLoopSchedule schedule = new OpenLoopSchedule(start, clients, rate);
      long recordFrom = start + warmup.toNanos();
      long end = recordFrom + measured.toNanos();
      long[] total = new long[clients];
      long[] firstMeasured = new long[clients];
      long expected = 0;
      for (int i = 0; i < clients; i++) {
        total[i] = schedule.dueBy(i, end - 1);
        firstMeasured[i] = schedule.dueBy(i, recordFrom - 1);
        expected += total[i];
      }
      long[] next = new long[clients];
      BitSet[] answered = new BitSet[clients];
      for (int i = 0; i < clients; i++) {
        answered[i] = new BitSet((int) total[i]);
      }
      Recorder recorder = new Recorder(OpenLoopSchedule.MAX_TRACKED_NANOS, 3);
      AtomicLong acks = new AtomicLong();
      AtomicLong measuredAcks = new AtomicLong();
      AtomicInteger failed = new AtomicInteger();
      long expectedAll = expected;
      CompletableFuture<Void> done = new CompletableFuture<>();
      Scenarios.DelegatingListener.of(all).set(new ConnectionListener() {
        @Override
        public void onAck(Connection c, long id) {
          long now = System.nanoTime();
          int i = c.index();
          if (id >= total[i] || answered[i].get((int) id)) {
            return;
          }
          answered[i].set((int) id);
          if (id >= firstMeasured[i]) {
            schedule.record(recorder, i, id, now);
            measuredAcks.incrementAndGet();
          }
          if (acks.incrementAndGet() == expectedAll) {
            done.complete(null);
          }
        }

        @Override
        public void onFailure(Connection c, Throwable cause) {
          failed.incrementAndGet();
        }
      });
      for (Connection c : all) {
        c.execute(new TimelineSender(c, c.index(), schedule, total[c.index()], next,
            k -> c.echo(k, s.payload)));
      }
      try {
        done.get(Math.max(0, end - System.nanoTime()) + drain.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // what is still unanswered is recorded below
      }
      long now = System.nanoTime();
      long sent = 0;
      for (int i = 0; i < clients; i++) {
        int client = i;
        long[] sentHere = new long[1];
        // read each client's state on its own event loop: it is only ever written there
        CompletableFuture<Void> read = new CompletableFuture<>();
        all[i].execute(() -> {
          for (long k = firstMeasured[client]; k < next[client]; k++) {
            sentHere[0]++;
            if (!answered[client].get((int) k)) {
              schedule.record(recorder, client, k, now);
            }
          }
          read.complete(null);
        });
        read.get(s.timeout.toMillis(), TimeUnit.MILLISECONDS);
        sent += sentHere[0];
      }
      return new Result(rate, sent, measuredAcks.get(), failed.get(), recorder.getIntervalHistogram());
    } finally {
      s.closeAll(all);
    }
  }
}
