package dev.sio4j.engine.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks of one session one at a time, in submission order, on the thread that submits when no other
 * thread is running them (no thread of its own, no lock held while a task runs). A task submitted from inside a
 * task runs after it, on the same thread. A failing task is logged and does not stop the next ones.
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // a field and its updater rather than an AtomicBoolean: one executor per session, 16 bytes each
  private static final AtomicIntegerFieldUpdater<SerialExecutor> RUNNING =
      AtomicIntegerFieldUpdater.newUpdater(SerialExecutor.class, "running");
  private volatile int running;

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    drain();
  }

  private void drain() {
    while (!tasks.isEmpty() && RUNNING.compareAndSet(this, 0, 1)) {
      try {
        Runnable task;
        while ((task = tasks.poll()) != null) {
          try {
            task.run();
          } catch (RuntimeException | Error e) {
            log.error("session task failed", e);
          }
        }
      } finally {
        running = 0;
      }
    }
  }
}
