package dev.sio4j.bench.loadgen;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A reconnect storm: {@code n} WebSocket clients start their Socket.IO connection at even intervals over
 * {@code spread} (as when a server restarts and every client comes back within its reconnection delay), with no
 * limit on handshakes in flight. Each client's time to connect runs from when it was due to start, so a load generator
 * that falls behind adds to it rather than hiding it. A client not connected {@code connectTimeout} after its start is
 * a connect timeout; the connected ones then stay {@code hold}, and any that the server drops meanwhile (a heartbeat
 * timeout, a closed connection) is counted.
 */
public final class ConnectStorm {
  /**
   * What one storm gave.
   *
   * @param clients clients started
   * @param connected clients connected within the connect timeout
   * @param connectFailures clients refused or closed before connecting
   * @param connectTimeouts clients still not connected after the connect timeout
   * @param dropped connected clients lost during the hold
   * @param allConnectedNanos from the first client's start to the last connection, or -1 if some never connected
   * @param connectTimes each connected client's time to connect, nanoseconds, from when it was due to start
   */
  public record Result(int clients, int connected, int connectFailures, int connectTimeouts, int dropped,
      long allConnectedNanos, Histogram connectTimes) {}

  private ConnectStorm() {}

  public static Result run(LoadGenerator load, int n, Duration spread, Duration connectTimeout, Duration hold)
      throws Exception {
    Connection[] all = new Connection[n];
    long[] due = new long[n];
    Recorder times = new Recorder(OpenLoopSchedule.MAX_TRACKED_NANOS, 3);
    AtomicInteger connected = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger dropped = new AtomicInteger();
    AtomicLong lastConnected = new AtomicLong();
    CompletableFuture<Void> settled = new CompletableFuture<>();
    long limit = connectTimeout.toNanos();
    ConnectionListener listener = new ConnectionListener() {
      @Override
      public void onConnected(Connection c) {
        long took = c.connectedNanos() - due[c.index()];
        if (took > limit) {
          return; // counted as a timeout below
        }
        times.recordValue(Math.max(0, Math.min(OpenLoopSchedule.MAX_TRACKED_NANOS, took)));
        lastConnected.accumulateAndGet(c.connectedNanos(), Math::max);
        connected.incrementAndGet();
        resolved();
      }

      @Override
      public void onFailure(Connection c, Throwable cause) {
        if (c.connectedNanos() != 0 && c.connectedNanos() - due[c.index()] <= limit) {
          dropped.incrementAndGet();
        } else if (c.connectedNanos() == 0) {
          failed.incrementAndGet();
          resolved();
        }
      }

      private void resolved() {
        if (connected.get() + failed.get() == n) {
          settled.complete(null);
        }
      }
    };
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    double interval = (double) spread.toNanos() / n;
    for (int i = 0; i < n; i++) {
      due[i] = start + Math.round(i * interval);
    }
    // the launcher is a thread of its own: the event loop stays free to run the handshakes already started
    Thread launcher = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        long wait = due[i] - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        all[i] = load.openWebSocket(i, listener);
      }
    }, "storm-launcher");
    launcher.start();
    try {
      launcher.join();
      try {
        settled.get(Math.max(0, due[n - 1] + limit - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // the rest are connect timeouts
      }
      int ok = connected.get();
      int refused = failed.get();
      int timeouts = n - ok - refused;
      long allConnected = ok == n ? lastConnected.get() - start : -1;
      Thread.sleep(hold.toMillis());
      return new Result(n, ok, refused, timeouts, dropped.get(), allConnected, times.getIntervalHistogram());
    } finally {
      launcher.join();
      List<Future<Void>> closing = new ArrayList<>();
      for (Connection c : all) {
        if (c != null) {
          closing.add(c.close());
        }
      }
      for (Future<Void> f : closing) {
        f.await(10, TimeUnit.SECONDS);
      }
    }
  }
}
