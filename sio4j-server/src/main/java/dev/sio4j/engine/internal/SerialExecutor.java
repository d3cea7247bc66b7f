package dev.sio4j.engine.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private final AtomicBoolean running = new AtomicBoolean();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    drain();
  }

  private void drain() {
    while (!tasks.isEmpty() && running.compareAndSet(false, true)) {
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
        running.set(false);
      }
    }
  }
}
