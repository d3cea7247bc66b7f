package dev.sio4j.server.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: what keeps a socket's handlers in order while
 * thousands of sockets share one pool (or one virtual thread per running socket). At most one task of this executor
 * is queued on the shared one at any time. A failing task is logged; the next still runs.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor shared;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // fields and their updaters rather than atomics: one executor per socket, 16 bytes each
  private static final AtomicIntegerFieldUpdater<SerialExecutor> SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "scheduled");
  private static final AtomicIntegerFieldUpdater<SerialExecutor> PENDING =
      AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "pending");
  private volatile int scheduled;
  private volatile int pending;

  SerialExecutor(Executor shared) {
    this.shared = shared;
  }

  @Override
  public void execute(Runnable task) {
    PENDING.incrementAndGet(this);
    tasks.add(task);
    schedule();
  }

  /**
   * Queues {@code task} unless {@code limit} tasks are already waiting: the bound on what one client can pile up
   * behind a slow handler.
   *
   * @return false when the queue is full and the task was not queued
   */
  boolean offer(Runnable task, int limit) {
    if (pending >= limit) {
      return false;
    }
    execute(task);
    return true;
  }

  private void schedule() {
    if (!tasks.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
      try {
        shared.execute(this::drain);
      } catch (RejectedExecutionException e) {
        scheduled = 0;
        log.debug("handler executor refused a task (shut down?)", e);
      }
    }
  }

  private void drain() {
    try {
      Runnable task;
      // a bounded batch, so that one busy socket does not hold a pool thread forever
      for (int i = 0; i < 64 && (task = tasks.poll()) != null; i++) {
        PENDING.decrementAndGet(this);
        try {
          task.run();
        } catch (Throwable t) {
          log.error("handler failed", t);
        }
      }
    } finally {
      scheduled = 0;
      schedule();
    }
  }
}
