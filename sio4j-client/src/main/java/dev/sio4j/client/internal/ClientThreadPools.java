package dev.sio4j.client.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the managers of one client share, one set per thread-name prefix: a loop pool, on which protocol state,
 * timers and transport callbacks run, and a listener pool, on which user listeners run. Each manager has a lane on
 * each ({@link ClientThreads}), so that its tasks stay in order and never run two at once while a thousand idle
 * managers cost no thread. A set is created with the first manager that asks for it and ended with the last one
 * released, so that a closed client leaves no thread behind. Owned by one {@code SocketIoClient} (or by one manager
 * made on its own): no state is static. Thread-safe.
 *
 * <p>The loop pool has a fixed number of threads ({@link #LOOP_THREADS} for a client's managers, one for a manager
 * made on its own), enough since its tasks never block (user code does not run there). The listener pool grows with the listeners running at once and lets idle threads end
 * after a keep-alive ({@link #LISTENER_KEEP_ALIVE_MILLIS} by default): a listener may block, e.g. on an acknowledgement, which the loop pool
 * then delivers, so a fixed pool could stall every manager behind a few blocked listeners. All threads are non-daemon
 * (a connected client keeps the JVM alive, as in Node).
 */
public final class ClientThreadPools {
  /** Threads of a loop pool: one per processor, at most 4 (a manager's work is a small part of one). */
  public static final int LOOP_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  /** How long an idle listener thread waits for work before it ends, by default. */
  public static final long LISTENER_KEEP_ALIVE_MILLIS = 5000;

  private final Map<String, Pools> byPrefix = new HashMap<>();
  private final int loopThreads;
  private final long listenerKeepAliveMillis;

  /** Pools for the managers of a client: {@link #LOOP_THREADS} loop threads each. */
  public ClientThreadPools() {
    this(LOOP_THREADS, LISTENER_KEEP_ALIVE_MILLIS);
  }

  /**
   * Pools of {@code loopThreads} loop threads each (one for a manager made on its own), whose idle listener threads
   * end after {@code listenerKeepAliveMillis}.
   */
  public ClientThreadPools(int loopThreads, long listenerKeepAliveMillis) {
    if (loopThreads < 1) {
      throw new IllegalArgumentException("loopThreads must be at least 1");
    }
    if (listenerKeepAliveMillis < 0) {
      throw new IllegalArgumentException("listenerKeepAliveMillis must not be negative");
    }
    this.loopThreads = loopThreads;
    this.listenerKeepAliveMillis = listenerKeepAliveMillis;
  }

  /** A manager's lanes on the pools of {@code prefix}; {@link ClientThreads#shutdown()} gives them back. */
  public synchronized ClientThreads acquire(String prefix) {
    Pools pools = byPrefix.computeIfAbsent(prefix, p -> new Pools(p, loopThreads, listenerKeepAliveMillis));
    pools.users++;
    return new ClientThreads(pools.loop, pools.listeners, () -> release(prefix, pools));
  }

  /** One manager is done with the pools of {@code prefix}; the last one ends their threads. */
  private void release(String prefix, Pools pools) {
    synchronized (this) {
      if (--pools.users > 0) {
        return;
      }
      byPrefix.remove(prefix);
    }
    pools.shutdown();
  }

  /** One prefix's pools, with the threads they started (to wait until they have really ended). */
  private static final class Pools {
    final ScheduledThreadPoolExecutor loop;
    final ThreadPoolExecutor listeners;
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    int users;

    Pools(String prefix, int loopThreads, long listenerKeepAliveMillis) {
      loop = new ScheduledThreadPoolExecutor(loopThreads, factory(prefix + "-io-"));
      // A cancelled timer (an acknowledgement answered in time) leaves the queue at once rather than at its deadline.
      loop.setRemoveOnCancelPolicy(true);
      loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      listeners = new ThreadPoolExecutor(0, Integer.MAX_VALUE, listenerKeepAliveMillis, TimeUnit.MILLISECONDS,
          new SynchronousQueue<>(), factory(prefix + "-events-"));
    }

    private ThreadFactory factory(String name) {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, name + n.incrementAndGet());
        t.setDaemon(false);
        threads.removeIf(old -> !old.isAlive());
        threads.add(t);
        return t;
      };
    }

    boolean owns(Thread t) {
      return threads.contains(t);
    }

    /** Stops both pools; waits a bounded time for their threads to end, unless called from one of them. */
    void shutdown() {
      loop.shutdown();
      listeners.shutdown();
      if (owns(Thread.currentThread())) {
        return; // they end right after the current task
      }
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        loop.awaitTermination(5, TimeUnit.SECONDS);
        listeners.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        // Termination is reported from inside each pool's last thread: wait until the threads have really ended.
        for (Thread t : threads) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left > 0) {
            t.join(left);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
