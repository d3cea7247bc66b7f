package dev.sio4j.bench.loadgen;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A room with a slow consumer: {@code sockets} clients in one room, one of them (when {@code stalled}) a
 * {@link StalledClient} that stops reading once it joined; the first healthy client asks the server for broadcasts to
 * the room at a fixed rate ({@link OpenLoopSchedule}, one timeline), each carrying its sequence number. Every healthy
 * client counts what it receives and the latency of each broadcast from when it was due to be asked for. The first
 * {@code warmup} is sent but not recorded. Each broadcast carries {@code payloadSize} characters besides its number:
 * enough bytes that the stalled socket fills the kernel's buffers and then its session's send buffer.
 */
public final class SlowConsumerLoad {
  /**
   * What one run gave.
   *
   * @param healthy clients that kept reading
   * @param broadcasts broadcasts asked for
   * @param missed deliveries the healthy clients did not get (broadcasts × healthy − received), after the drain
   * @param healthyFailed healthy clients whose connection failed
   * @param latencies delivery latency of the recorded broadcasts to the healthy clients, nanoseconds
   */
  public record Result(int healthy, long broadcasts, long missed, int healthyFailed, Histogram latencies) {}

  /** Runs while every connection is still open, after the drain (the server's memory is read then). */
  @FunctionalInterface
  public interface AtEnd {
    void run() throws Exception;
  }

  private SlowConsumerLoad() {}

  public static Result run(Scenarios s, InetSocketAddress server, int sockets, boolean stalled, double rate,
      int payloadSize, Duration warmup, Duration measured, Duration drain, int inFlight, AtEnd atEnd)
      throws Exception {
    int healthy = stalled ? sockets - 1 : sockets;
    if (healthy < 1) {
      throw new IllegalArgumentException("needs a healthy client besides the stalled one");
    }
    Connection[] all = s.open(healthy, inFlight, s.load::openWebSocket);
    StalledClient slow = null;
    try {
      CompletableFuture<Void> joined = new CompletableFuture<>();
      AtomicInteger joins = new AtomicInteger();
      Scenarios.DelegatingListener.of(all).set(new ConnectionListener() {
        @Override
        public void onAck(Connection c, long id) {
          if (joins.incrementAndGet() == healthy) {
            joined.complete(null);
          }
        }

        @Override
        public void onFailure(Connection c, Throwable cause) {
          joined.completeExceptionally(cause);
        }
      });
      for (Connection c : all) {
        c.execute(() -> c.join(1, "room"));
      }
      s.await(joined, "joins", joins::get);
      if (stalled) {
        slow = StalledClient.join(server, "room");
      }
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      OpenLoopSchedule schedule = new OpenLoopSchedule(start, 1, rate);
      long recordFrom = start + warmup.toNanos();
      long end = recordFrom + measured.toNanos();
      long total = schedule.dueBy(0, end - 1);
      long firstMeasured = schedule.dueBy(0, recordFrom - 1);
      Recorder recorder = new Recorder(OpenLoopSchedule.MAX_TRACKED_NANOS, 3);
      AtomicLong deliveries = new AtomicLong();
      AtomicInteger failed = new AtomicInteger();
      long expected = total * healthy;
      CompletableFuture<Void> done = new CompletableFuture<>();
      Scenarios.DelegatingListener.of(all).set(new ConnectionListener() {
        @Override
        public void onDelivery(Connection c, ByteBuf frame) {
          long now = System.nanoTime();
          long k = Dialect.number(frame);
          if (k >= firstMeasured) {
            schedule.record(recorder, 0, k, now);
          }
          if (deliveries.incrementAndGet() == expected) {
            done.complete(null);
          }
        }

        @Override
        public void onFailure(Connection c, Throwable cause) {
          failed.incrementAndGet();
        }
      });
      Connection trigger = all[0];
      long[] next = new long[1];
      String pad = "x".repeat(payloadSize);
      trigger.execute(new TimelineSender(trigger, 0, schedule, total, next, k -> trigger.broadcast("room", k + "-"
          + pad)));
      try {
        done.get(Math.max(0, end - System.nanoTime()) + drain.toNanos(), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // the rest are missed
      }
      atEnd.run();
      return new Result(healthy, total, expected - deliveries.get(), failed.get(), recorder.getIntervalHistogram());
    } finally {
      if (slow != null) {
        slow.close();
      }
      s.closeAll(all);
    }
  }
}
