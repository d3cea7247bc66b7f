package dev.sio4j.client.internal;

import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A manager's two lanes on the threads its client shares ({@link ClientThreadPools}): the loop, on which all protocol
 * state, timers (heartbeat, acknowledgement timeouts, reconnection backoff) and transport callbacks run, one task at a
 * time and in order, and the listener lane, on which user listeners run, one at a time and in order. The network I/O
 * itself runs on OkHttp's threads, which hand every result to the loop. {@link #shutdown()} ends both lanes and gives
 * the shared threads back; the last manager to do so ends them.
 */
public final class ClientThreads implements Executor {
  private static final Logger log = LoggerFactory.getLogger(ClientThreads.class);

  private final ScheduledExecutorService timers;
  private final OrderedExecutor loop;
  private final OrderedExecutor events;
  private final Runnable release;

  ClientThreads(ScheduledExecutorService loopPool, Executor listenerPool, Runnable release) {
    this.timers = loopPool;
    this.loop = new OrderedExecutor(loopPool, "a task of the client's loop");
    this.events = new OrderedExecutor(listenerPool, "a listener");
    this.release = release;
  }

  /** Runs {@code task} on the loop; dropped (and logged) once the manager is closed. */
  @Override
  public void execute(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      log.debug("task dropped: client closed");
    }
  }

  /**
   * Runs {@code task} on the loop after {@code delayMs}; dropped (and logged) once the manager is closed. Cancelling
   * the returned future on the loop guarantees the task does not run, even when its delay has just passed.
   */
  public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
    Timer timer = new Timer();
    try {
      timer.future = timers.schedule(() -> execute(() -> {
        if (!timer.cancelled) {
          task.run();
        }
      }), delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The client's threads ended with its last manager: a task queued on the loop before that asks for a timer.
      log.debug("timer dropped: client closed");
      timer.cancelled = true;
    }
    return timer;
  }

  /** Runs a user listener on the listener lane; a throwing listener is logged and does not stop the others. */
  public void dispatch(Runnable listener) {
    try {
      events.execute(listener);
    } catch (RejectedExecutionException e) {
      log.debug("listener dropped: client closed");
    }
  }

  public boolean inLoop() {
    return loop.inLane();
  }

  /**
   * Ends both lanes: what they were given still runs, nothing more is taken. Waits for that unless called from one of
   * the lanes (then the rest runs right after the current task), and gives the shared threads back.
   */
  public void shutdown() {
    loop.shutdown();
    events.shutdown();
    try {
      if (!inLoop() && !events.inLane()) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        loop.awaitDrained(5_000);
        events.awaitDrained(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      release.run();
    }
  }

  /**
   * A timer of the loop. Its task reaches the loop through the lane, so a cancel on the loop may come after the pool
   * fired it: the flag, read on the loop, keeps it from running then.
   */
  private static final class Timer implements ScheduledFuture<Object> {
    volatile ScheduledFuture<?> future;
    volatile boolean cancelled;

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      ScheduledFuture<?> f = future;
      return f != null && f.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled || future.isDone();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      ScheduledFuture<?> f = future;
      return f == null ? 0 : f.getDelay(unit);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
      if (future == null) {
        throw new java.util.concurrent.CancellationException();
      }
      return future.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      if (future == null) {
        throw new java.util.concurrent.CancellationException();
      }
      return future.get(timeout, unit);
    }
  }
}
