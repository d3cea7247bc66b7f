package dev.sio4j.server.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor of user handlers where the JVM has no virtual threads: about as many threads running as there
 * are cores, and more while handlers block.
 *
 * <p>A {@code ThreadPoolExecutor} wakes an idle thread for every task as long as one is idle: an event loop that reads
 * a burst of a hundred events wakes a dozen threads, and on a busy server every event costs a thread hand-off. Here a
 * task wakes a thread only when fewer than {@code parallelism} threads are active (running a task or about to take
 * one); otherwise it waits in the queue for the next free thread, and a burst is run by the threads already awake.
 *
 * <p>A handler may block (I/O, a lock, {@code emitWithAck(...).get()}) and hold its thread. While tasks wait, a
 * watchdog looks every {@code stallNanos}: each thread that has been inside one task for longer lets one more thread
 * in, up to {@code maxThreads}. A task behind a blocked handler so waits at most about two {@code stallNanos}. Threads
 * idle for {@link #KEEP_ALIVE_NANOS} end.
 *
 * <p>An I/O thread may open a batch ({@link #beginBatch()}): its tasks wait until the batch ends, then go in one
 * wake-up.
 *
 * <p>Thread-safe. Tasks are not ordered among themselves (each socket orders its own, see {@link SerialExecutor}).
 */
final class HandlerPool extends AbstractExecutorService {
  private static final Logger log = LoggerFactory.getLogger(HandlerPool.class);
  static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final String name;
  private final int parallelism;
  private final int maxThreads;
  private final long stallNanos;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  // threads not parked: running a task or looking for one
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger started = new AtomicInteger();
  private final Object lock = new Object();
  // guarded by lock
  private final ArrayDeque<Worker> idle = new ArrayDeque<>();
  private final List<Worker> workers = new ArrayList<>();
  private Thread watchdog;
  private volatile boolean shutdown;
  // the watchdog looks for stalled threads while set (tasks wait and every active thread is busy)
  private volatile boolean watching;
  // per submitting thread: an open batch defers the wake-up to its end (see beginBatch)
  private final ThreadLocal<Batch> batches = ThreadLocal.withInitial(Batch::new);

  private static final class Batch {
    boolean open;
    boolean pending;
  }

  HandlerPool(String name, int parallelism, int maxThreads, long stallNanos) {
    if (parallelism < 1 || maxThreads < parallelism || stallNanos <= 0) {
      throw new IllegalArgumentException("parallelism " + parallelism + ", maxThreads " + maxThreads);
    }
    this.name = name;
    this.parallelism = parallelism;
    this.maxThreads = maxThreads;
    this.stallNanos = stallNanos;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (shutdown) {
      throw new RejectedExecutionException(name + " is shut down");
    }
    queue.offer(task);
    Batch batch = batches.get();
    if (batch.open) {
      batch.pending = true;
      return;
    }
    wake();
  }

  private void wake() {
    // offer, then read active; a thread going idle decrements active, then reads the queue: one of us sees the other
    if (active.get() < parallelism) {
      signal(parallelism);
    } else if (!watching) {
      arm();
    }
  }

  /**
   * Until {@link #endBatch()}, tasks submitted by the calling thread wake no pool thread: the batch's tasks are queued,
   * and its end wakes a thread once for all of them. An event loop that reads a hundred events in one iteration so
   * hands them over in one wake-up; a thread woken for each would take the CPU from the loop (the scheduler runs a
   * woken thread at once) and run one event per wake-up.
   */
  void beginBatch() {
    batches.get().open = true;
  }

  /** Ends the calling thread's batch, waking a pool thread if it queued tasks. */
  void endBatch() {
    Batch batch = batches.get();
    batch.open = false;
    if (batch.pending) {
      batch.pending = false;
      wake();
    }
  }

  /** Threads alive now (for tests and logs). */
  int threads() {
    synchronized (lock) {
      return workers.size();
    }
  }

  /** Wakes an idle thread, or starts one, unless {@code limit} threads are active already. */
  private void signal(int limit) {
    synchronized (lock) {
      if (queue.isEmpty() || active.get() >= limit || shutdown) {
        return;
      }
      Worker w = idle.pollLast();
      if (w != null) {
        active.incrementAndGet();
        w.signaled = true;
        LockSupport.unpark(w.thread);
      } else if (workers.size() < maxThreads) {
        active.incrementAndGet();
        Worker fresh = new Worker();
        workers.add(fresh);
        fresh.thread.start();
      }
    }
  }

  private void arm() {
    synchronized (lock) {
      if (watching || shutdown) {
        return;
      }
      watching = true;
      if (watchdog == null) {
        watchdog = new Thread(this::watch, name + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
      } else {
        LockSupport.unpark(watchdog);
      }
    }
  }

  private void watch() {
    while (!shutdown) {
      if (!watching) {
        LockSupport.park(this);
        continue;
      }
      LockSupport.parkNanos(this, stallNanos);
      if (queue.isEmpty()) {
        watching = false;
        // write watching, then read the queue; execute() offers, then reads watching
        if (queue.isEmpty()) {
          continue;
        }
        watching = true;
      }
      int stalled = 0;
      long now = System.nanoTime();
      synchronized (lock) {
        for (Worker w : workers) {
          long since = w.taskStart;
          if (since != 0 && now - since > stallNanos) {
            stalled++;
          }
        }
      }
      signal(parallelism + stalled);
    }
  }

  private final class Worker implements Runnable {
    final Thread thread;
    // System.nanoTime() when the current task started (never 0 then), 0 between tasks
    volatile long taskStart;
    // set (under lock) by whoever takes this thread out of the idle list
    volatile boolean signaled;

    Worker() {
      this.thread = new Thread(this, name + "-" + started.incrementAndGet());
      this.thread.setDaemon(true);
    }

    @Override
    public void run() {
      boolean counted = true;
      try {
        for (;;) {
          Runnable task = queue.poll();
          if (task != null) {
            runTask(task);
          } else if (!awaitWork()) {
            counted = false;
            return;
          }
        }
      } finally {
        synchronized (lock) {
          workers.remove(this);
          if (counted) {
            active.decrementAndGet();
          }
          lock.notifyAll();
        }
      }
    }

    private void runTask(Runnable task) {
      long now = System.nanoTime();
      taskStart = now == 0 ? 1 : now;
      try {
        task.run();
      } catch (Throwable t) {
        log.error("handler task failed", t);
      } finally {
        taskStart = 0;
      }
    }

    /** Parks until signaled; false when this thread should end (shut down, or idle too long), no longer counted. */
    private boolean awaitWork() {
      synchronized (lock) {
        if (!queue.isEmpty()) {
          return true;
        }
        if (shutdown) {
          active.decrementAndGet();
          return false;
        }
        signaled = false;
        idle.addLast(this);
        active.decrementAndGet();
      }
      if (!queue.isEmpty()) {
        // a task came between the check and the decrement, and its submitter saw this thread as active
        signal(parallelism);
      }
      long deadline = System.nanoTime() + KEEP_ALIVE_NANOS;
      while (!signaled) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          synchronized (lock) {
            if (!signaled) {
              idle.remove(this);
              return false;
            }
          }
          break;
        }
        LockSupport.parkNanos(this, left);
      }
      return true;
    }
  }

  @Override
  public void shutdown() {
    synchronized (lock) {
      if (shutdown) {
        return;
      }
      shutdown = true;
      // idle threads wake, run what is queued, and end
      Worker w;
      while ((w = idle.pollLast()) != null) {
        active.incrementAndGet();
        w.signaled = true;
        LockSupport.unpark(w.thread);
      }
      if (watchdog != null) {
        LockSupport.unpark(watchdog);
      }
      lock.notifyAll();
    }
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown();
    List<Runnable> left = new ArrayList<>();
    Runnable task;
    while ((task = queue.poll()) != null) {
      left.add(task);
    }
    synchronized (lock) {
      for (Worker w : workers) {
        w.thread.interrupt();
      }
    }
    return left;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return shutdown && workers.isEmpty();
    }
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (!(shutdown && workers.isEmpty())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  @Override
  public String toString() {
    return name + "[parallelism " + parallelism + ", threads " + threads() + ", active " + active.get() + "]";
  }
}
