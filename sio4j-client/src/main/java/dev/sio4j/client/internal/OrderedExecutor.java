package dev.sio4j.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One manager's lane on a pool its client shares among managers: runs the tasks given to it one at a time, in the
 * order given, never two at once, on whichever pool thread is free. At most one task of the lane is queued on the pool
 * at any time, and a lane gives its thread back after a batch so that a busy manager does not hold it from the others.
 * {@link #inLane()} tells whether the calling thread is the one running the lane now. A failing task is logged; the next
 * still runs. Thread-safe.
 *
 * <p>{@link #shutdown()} refuses further tasks and lets those already given run; {@link #awaitDrained} waits for them.
 */
final class OrderedExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(OrderedExecutor.class);
  /** Tasks run in one turn before the lane goes back to the end of the pool's queue. */
  private static final int BATCH = 64;

  private final Executor pool;
  private final String what;
  // Guarded by this. Small at first: an idle connection's lane holds nothing.
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(2);
  private boolean scheduled;
  private boolean shutdown;
  private CountDownLatch drained;
  private volatile Thread runner;

  /** A lane on {@code pool}; {@code what} names its tasks in log messages. */
  OrderedExecutor(Executor pool, String what) {
    this.pool = pool;
    this.what = what;
  }

  /** Queues {@code task}; throws {@link RejectedExecutionException} once the lane is shut down. */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (shutdown) {
        throw new RejectedExecutionException("lane shut down");
      }
      tasks.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    submit();
  }

  private void submit() {
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException e) {
      // The pool ended (the client is closed): what is left will never run.
      synchronized (this) {
        tasks.clear();
        scheduled = false;
        signalIfDrained();
      }
      throw e;
    }
  }

  private void drain() {
    runner = Thread.currentThread();
    for (int i = 0; i < BATCH; i++) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          // Cleared before the flag: the next drain may start on another thread at once.
          runner = null;
          scheduled = false;
          signalIfDrained();
          return;
        }
      }
      try {
        task.run();
      } catch (Throwable t) {
        log.error("{} failed", what, t);
      }
    }
    runner = null;
    try {
      submit();
    } catch (RejectedExecutionException e) {
      log.debug("{} dropped: client closed", what);
    }
  }

  /** Whether the calling thread is running a task of this lane. */
  boolean inLane() {
    return runner == Thread.currentThread();
  }

  /** Refuses further tasks; those already queued still run. */
  synchronized void shutdown() {
    if (!shutdown) {
      shutdown = true;
      drained = new CountDownLatch(1);
      signalIfDrained();
    }
  }

  /** After {@link #shutdown()}: waits at most {@code timeoutMs} for the queued tasks to have run. */
  boolean awaitDrained(long timeoutMs) throws InterruptedException {
    CountDownLatch latch;
    synchronized (this) {
      latch = drained;
    }
    return latch == null || latch.await(timeoutMs, TimeUnit.MILLISECONDS);
  }

  // Holding the lock.
  private void signalIfDrained() {
    if (shutdown && !scheduled && tasks.isEmpty()) {
      drained.countDown();
    }
  }
}
