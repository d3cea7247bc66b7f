package dev.sio4j.bench.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The four scenarios of the benchmark, each against one server through a {@link LoadGenerator}, each returning its
 * figures by metric name (see {@link Metric}). A scenario fails with an exception if any client fails or it does
 * not finish within the timeout.
 */
public final class Scenarios {
  final LoadGenerator load;
  final ServerProbe probe;
  final Duration timeout;
  final String payload;
  private final boolean pollingKeepAlive;

  /**
   * @param pollingKeepAlive whether long-polling clients keep their connections alive (as browsers) or open one per
   *     request (as the official Node client)
   */
  public Scenarios(LoadGenerator load, ServerProbe probe, Duration timeout, int payloadSize,
      boolean pollingKeepAlive) {
    this.pollingKeepAlive = pollingKeepAlive;
    this.load = load;
    this.probe = probe;
    this.timeout = timeout;
    this.payload = "x".repeat(payloadSize);
  }

  /** The load generator these scenarios run on. */
  public LoadGenerator load() {
    return load;
  }

  /**
   * Connect: {@code n} WebSocket clients connect, at most {@code inFlight} at a time, and stay. Connect rate, p99
   * connect time, and the server's resident memory per connection (before and after a full collection); when the
   * server accounts for its memory, the resident memory after the collection is split into the live heap, direct
   * buffers and the rest (the heap the JVM keeps beyond the live objects, compiled code, metadata, stacks).
   */
  public Map<String, Double> connect(int n, int inFlight) throws Exception {
    ServerProbe.Memory memory0 = probe.memory();
    settle();
    long rss0 = probe.rssBytes();
    long cpu0 = probe.cpuNanos();
    long t0 = System.nanoTime();
    Connection[] all = open(n, inFlight, load::openWebSocket);
    long t1 = System.nanoTime();
    long cpu1 = probe.cpuNanos();
    try {
      settle();
      long rss1 = probe.rssBytes();
      ServerProbe.Memory memory1 = probe.memory();
      settle();
      long rss2 = probe.rssBytes();
      probe.whileConnected(n);
      long[] times = new long[n];
      for (int i = 0; i < n; i++) {
        times[i] = all[i].connectedNanos() - all[i].startNanos();
      }
      Arrays.sort(times);
      Map<String, Double> r = new LinkedHashMap<>();
      r.put(Metric.CONNECT_RATE, n / seconds(t1 - t0));
      r.put(Metric.CONNECT_PER_CPU, perCpu(n, cpu1 - cpu0));
      r.put(Metric.CONNECT_P99, millis(percentile(times, 0.99)));
      r.put(Metric.MEM_PER_CONN, (rss1 - rss0) / 1024.0 / n);
      r.put(Metric.MEM_PER_CONN_GC, (rss2 - rss0) / 1024.0 / n);
      if (memory0 != null && memory1 != null) {
        long heap = memory1.heap() - memory0.heap();
        long direct = memory1.direct() - memory0.direct();
        r.put(Metric.MEM_HEAP, heap / 1024.0 / n);
        r.put(Metric.MEM_DIRECT, direct / 1024.0 / n);
        r.put(Metric.MEM_OTHER, (rss2 - rss0 - heap - direct) / 1024.0 / n);
      }
      return r;
    } finally {
      closeAll(all);
    }
  }

  /**
   * Fan-out: {@code n} clients join one room; the first of them asks the server {@code broadcasts} times to
   * broadcast to the room, keeping {@code window} broadcasts outstanding (it is in the room, so it hears each one).
   * Deliveries per second and per server CPU-second, time to the last delivery.
   */
  public Map<String, Double> fanOut(int n, int broadcasts, int window, int inFlight) throws Exception {
    Connection[] all = open(n, inFlight, load::openWebSocket);
    try {
      // Join the room: every client's join is acknowledged before the first broadcast.
      CompletableFuture<Void> joined = new CompletableFuture<>();
      AtomicInteger joins = new AtomicInteger();
      AtomicLong deliveries = new AtomicLong();
      long expected = (long) n * broadcasts;
      CompletableFuture<Long> lastDelivery = new CompletableFuture<>();
      AtomicInteger sent = new AtomicInteger();
      Connection trigger = all[0];
      DelegatingListener.of(all).set(new ConnectionListener() {
        @Override
        public void onAck(Connection c, long id) {
          if (joins.incrementAndGet() == n) {
            joined.complete(null);
          }
        }

        @Override
        public void onDelivery(Connection c) {
          long d = deliveries.incrementAndGet();
          if (c.index() == 0 && sent.get() < broadcasts) {
            sent.incrementAndGet();
            c.broadcast("room", payload);
          }
          if (d == expected) {
            lastDelivery.complete(System.nanoTime());
          }
        }

        @Override
        public void onFailure(Connection c, Throwable cause) {
          joined.completeExceptionally(cause);
          lastDelivery.completeExceptionally(cause);
        }
      });
      for (Connection c : all) {
        c.execute(() -> c.join(1, "room"));
      }
      await(joined, "joins", joins::get);
      long cpu0 = probe.cpuNanos();
      long own0 = ownCpuNanos();
      long t0 = System.nanoTime();
      trigger.execute(() -> {
        for (int i = 0; i < Math.min(window, broadcasts); i++) {
          sent.incrementAndGet();
          trigger.broadcast("room", payload);
        }
      });
      long t1 = await(lastDelivery, "deliveries", deliveries::get);
      long cpu1 = probe.cpuNanos();
      long own1 = ownCpuNanos();
      Map<String, Double> r = new LinkedHashMap<>();
      r.put(Metric.FANOUT_RATE, expected / seconds(t1 - t0));
      r.put(Metric.FANOUT_PER_CPU, perCpu(expected, cpu1 - cpu0));
      r.put(Metric.FANOUT_LAST, millis(t1 - t0));
      r.put(Metric.FANOUT_SERVER_CPU, percent(cpu1 - cpu0, t1 - t0));
      r.put(Metric.FANOUT_LOADGEN_CPU, percent(own1 - own0, t1 - t0));
      return r;
    } finally {
      closeAll(all);
    }
  }

  /**
   * Two-node fan-out: {@code n} clients join one room, the first half on this scenario's server, the rest on
   * {@code other}'s (two servers of one cluster, sharing a broker); the first client asks its server
   * {@code broadcasts} times to broadcast to the room, {@code window} outstanding, so every broadcast crosses the
   * broker to reach the other half. Deliveries per second and per CPU-second of both servers together, time to the last.
   */
  public Map<String, Double> fanOutAcross(Scenarios other, int n, int broadcasts, int window, int inFlight)
      throws Exception {
    int half = n / 2;
    Connection[] here = open(half, inFlight, load::openWebSocket);
    Connection[] there;
    try {
      there = open(n - half, inFlight, (i, l) -> other.load.openWebSocket(half + i, l));
    } catch (Exception e) {
      closeAll(here);
      throw e;
    }
    Connection[] all = new Connection[n];
    System.arraycopy(here, 0, all, 0, half);
    System.arraycopy(there, 0, all, half, n - half);
    try {
      CompletableFuture<Void> joined = new CompletableFuture<>();
      AtomicInteger joins = new AtomicInteger();
      AtomicLong deliveries = new AtomicLong();
      long expected = (long) n * broadcasts;
      CompletableFuture<Long> lastDelivery = new CompletableFuture<>();
      AtomicInteger sent = new AtomicInteger();
      Connection trigger = all[0];
      DelegatingListener.of(all).set(new ConnectionListener() {
        @Override
        public void onAck(Connection c, long id) {
          if (joins.incrementAndGet() == n) {
            joined.complete(null);
          }
        }

        @Override
        public void onDelivery(Connection c) {
          long d = deliveries.incrementAndGet();
          if (c.index() == 0 && sent.get() < broadcasts) {
            sent.incrementAndGet();
            c.broadcast("room", payload);
          }
          if (d == expected) {
            lastDelivery.complete(System.nanoTime());
          }
        }

        @Override
        public void onFailure(Connection c, Throwable cause) {
          joined.completeExceptionally(cause);
          lastDelivery.completeExceptionally(cause);
        }
      });
      for (Connection c : all) {
        c.execute(() -> c.join(1, "room"));
      }
      await(joined, "joins", joins::get);
      settle();
      other.settle();
      long cpu0 = probe.cpuNanos() + other.probe.cpuNanos();
      long t0 = System.nanoTime();
      trigger.execute(() -> {
        for (int i = 0; i < Math.min(window, broadcasts); i++) {
          sent.incrementAndGet();
          trigger.broadcast("room", payload);
        }
      });
      long t1 = await(lastDelivery, "deliveries", deliveries::get);
      long cpu1 = probe.cpuNanos() + other.probe.cpuNanos();
      Map<String, Double> r = new LinkedHashMap<>();
      r.put(Metric.FANOUT_RATE, expected / seconds(t1 - t0));
      r.put(Metric.FANOUT_PER_CPU, perCpu(expected, cpu1 - cpu0));
      r.put(Metric.FANOUT_LAST, millis(t1 - t0));
      return r;
    } finally {
      closeAll(all);
    }
  }

  /**
   * Echo: {@code clients} clients each send {@code acks} events with ack ids, keeping {@code window} outstanding;
   * the server acknowledges each with its arguments. Acks per second and per server CPU-second, p50 and p99 latency.
   * Over WebSocket, or over long-polling only when {@code polling}.
   */
  public Map<String, Double> echo(int clients, int acks, int window, boolean polling, int inFlight) throws Exception {
    Connection[] all = open(clients, inFlight,
        polling ? (i, l) -> load.openPolling(i, l, pollingKeepAlive) : load::openWebSocket);
    try {
      long[][] sentAt = new long[clients][acks];
      int[] next = new int[clients];
      int[] done = new int[clients];
      AtomicInteger finished = new AtomicInteger();
      AtomicLong total = new AtomicLong();
      CompletableFuture<Long> end = new CompletableFuture<>();
      DelegatingListener.of(all).set(new ConnectionListener() {
        @Override
        public void onAck(Connection c, long id) {
          int i = c.index();
          long now = System.nanoTime();
          sentAt[i][(int) id] = now - sentAt[i][(int) id]; // the send time becomes the latency
          total.incrementAndGet();
          if (next[i] < acks) {
            int seq = next[i]++;
            sentAt[i][seq] = System.nanoTime();
            c.echo(seq, payload);
          }
          if (++done[i] == acks && finished.incrementAndGet() == clients) {
            end.complete(now);
          }
        }

        @Override
        public void onFailure(Connection c, Throwable cause) {
          end.completeExceptionally(cause);
        }
      });
      long cpu0 = probe.cpuNanos();
      long own0 = ownCpuNanos();
      long t0 = System.nanoTime();
      for (Connection c : all) {
        c.execute(() -> {
          int i = c.index();
          for (int k = 0; k < Math.min(window, acks); k++) {
            int seq = next[i]++;
            sentAt[i][seq] = System.nanoTime();
            c.echo(seq, payload);
          }
        });
      }
      long t1 = await(end, "acks", total::get);
      long cpu1 = probe.cpuNanos();
      long own1 = ownCpuNanos();
      long[] latencies = new long[clients * acks];
      for (int i = 0; i < clients; i++) {
        System.arraycopy(sentAt[i], 0, latencies, i * acks, acks);
      }
      Arrays.sort(latencies);
      long count = (long) clients * acks;
      Map<String, Double> r = new LinkedHashMap<>();
      String prefix = polling ? "polling." : "echo.";
      r.put(prefix + Metric.ACK_RATE, count / seconds(t1 - t0));
      r.put(prefix + Metric.ACK_PER_CPU, perCpu(count, cpu1 - cpu0));
      r.put(prefix + Metric.ACK_P50, millis(percentile(latencies, 0.50)));
      r.put(prefix + Metric.ACK_P99, millis(percentile(latencies, 0.99)));
      r.put(prefix + Metric.SERVER_CPU, percent(cpu1 - cpu0, t1 - t0));
      r.put(prefix + Metric.LOADGEN_CPU, percent(own1 - own0, t1 - t0));
      return r;
    } finally {
      closeAll(all);
    }
  }

  /** Opens {@code n} connections, at most {@code inFlight} handshakes at a time; fails if any fails. */
  Connection[] open(int n, int inFlight, BiFunction<Integer, ConnectionListener, Connection> opener)
      throws Exception {
    Connection[] all = new Connection[n];
    DelegatingListener[] listeners = new DelegatingListener[n];
    AtomicInteger started = new AtomicInteger();
    AtomicInteger connected = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicReference<Runnable> launchNext = new AtomicReference<>();
    ConnectionListener handshake = new ConnectionListener() {
      @Override
      public void onConnected(Connection c) {
        if (connected.incrementAndGet() == n) {
          done.complete(null);
        }
        launchNext.get().run();
      }

      @Override
      public void onFailure(Connection c, Throwable cause) {
        done.completeExceptionally(new IllegalStateException("client " + c.index() + " failed to connect", cause));
      }
    };
    launchNext.set(() -> {
      int i = started.getAndIncrement();
      if (i < n && !done.isDone()) {
        listeners[i] = new DelegatingListener(handshake);
        all[i] = opener.apply(i, listeners[i]);
      }
    });
    for (int i = 0; i < Math.min(inFlight, n); i++) {
      launchNext.get().run();
    }
    try {
      await(done, "connections", connected::get);
    } catch (Exception e) {
      closeAll(all);
      throw e;
    }
    for (int i = 0; i < n; i++) {
      all[i] = new Tagged(all[i], listeners[i]);
    }
    return all;
  }

  long await(CompletableFuture<?> future, String what, java.util.function.LongSupplier progress)
      throws Exception {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("timed out after " + timeout + " waiting for " + what + " (" + progress.getAsLong()
          + " so far)");
    } catch (java.util.concurrent.ExecutionException e) {
      StringBuilder why = new StringBuilder(what);
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        why.append(": ").append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
      }
      throw new IllegalStateException(why.toString(), e.getCause());
    }
    Object v = future.get();
    return v instanceof Long ? (Long) v : System.nanoTime();
  }

  /** Waits until the server's CPU time stops moving (at most 5 s), so that one phase's work does not leak into the next. */
  public void settle() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long last = probe.cpuNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(150);
      long now = probe.cpuNanos();
      if (now - last <= TimeUnit.MILLISECONDS.toNanos(10)) {
        return;
      }
      last = now;
    }
  }

  void closeAll(Connection[] all) throws InterruptedException {
    List<io.netty.util.concurrent.Future<Void>> closing = new ArrayList<>();
    for (Connection c : all) {
      if (c != null) {
        closing.add(c.close());
      }
    }
    for (io.netty.util.concurrent.Future<Void> f : closing) {
      f.await(10, TimeUnit.SECONDS);
    }
    settle();
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Work per server CPU-second; NaN when the CPU time did not move (below the 10 ms resolution of /proc). */
  private static double perCpu(long work, long cpuNanos) {
    return cpuNanos <= 0 ? Double.NaN : work / (cpuNanos / 1e9);
  }

  /**
   * CPU time (user + system) this process used so far, in nanoseconds: the load generator's, whose event loops are
   * the process's only busy threads during a measured phase.
   */
  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** {@code cpuNanos} as a share of one CPU over {@code wallNanos}, in percent. */
  private static double percent(long cpuNanos, long wallNanos) {
    return cpuNanos < 0 ? Double.NaN : 100.0 * cpuNanos / Math.max(wallNanos, 1);
  }

  static double seconds(long nanos) {
    return Math.max(nanos, 1) / 1e9;
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  /** A connection whose listener a scenario can replace once it is connected. */
  private static final class Tagged implements Connection {
    final Connection delegate;
    final DelegatingListener listener;

    Tagged(Connection delegate, DelegatingListener listener) {
      this.delegate = delegate;
      this.listener = listener;
    }

    @Override public int index() { return delegate.index(); }
    @Override public long startNanos() { return delegate.startNanos(); }
    @Override public long connectedNanos() { return delegate.connectedNanos(); }
    @Override public void echo(long id, String p) { delegate.echo(id, p); }
    @Override public void join(long id, String room) { delegate.join(id, room); }
    @Override public void broadcast(String room, String p) { delegate.broadcast(room, p); }
    @Override public void execute(Runnable task) { delegate.execute(task); }
    @Override public void schedule(Runnable task, long delayNanos) { delegate.schedule(task, delayNanos); }
    @Override public boolean closing() { return delegate.closing(); }
    @Override public io.netty.util.concurrent.Future<Void> close() { return delegate.close(); }
  }

  /** Forwards to a listener that can be swapped between phases. */
  static final class DelegatingListener implements ConnectionListener {
    private volatile ConnectionListener target;

    DelegatingListener(ConnectionListener target) {
      this.target = target;
    }

    static Setter of(Connection[] all) {
      return l -> {
        for (Connection c : all) {
          ((Tagged) c).listener.target = l;
        }
      };
    }

    interface Setter {
      void set(ConnectionListener l);
    }

    @Override
    public void onConnected(Connection c) {
      target.onConnected(c);
    }

    @Override
    public void onAck(Connection c, long id) {
      target.onAck(c, id);
    }

    @Override
    public void onDelivery(Connection c) {
      target.onDelivery(c);
    }

    @Override
    public void onDelivery(Connection c, io.netty.buffer.ByteBuf frame) {
      target.onDelivery(c, frame);
    }

    @Override
    public void onFailure(Connection c, Throwable cause) {
      target.onFailure(c, cause);
    }
  }
}
