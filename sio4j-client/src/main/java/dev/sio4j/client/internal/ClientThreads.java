package dev.sio4j.client.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two threads a manager owns: the loop, on which all protocol state, timers (heartbeat, acknowledgement timeouts,
 * reconnection backoff) and transport callbacks run, and one thread on which user listeners run, in order. The network
 * I/O itself runs on OkHttp's threads, which hand every result to the loop. Both threads are non-daemon (a connected
 * client keeps the JVM alive, as in Node) and both end in {@link #shutdown()}.
 */
public final class ClientThreads implements Executor {
  private static final Logger log = LoggerFactory.getLogger(ClientThreads.class);

  private final ScheduledThreadPoolExecutor loop;
  private final ThreadPoolExecutor events;
  private volatile Thread loopThread;
  private volatile Thread eventsThread;

  public ClientThreads(String prefix, String managerId) {
    String loopName = prefix + "-io-" + managerId;
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, loopName);
      t.setDaemon(false);
      loopThread = t;
      return t;
    });
    // A cancelled timer (an acknowledgement answered in time) leaves the queue at once rather than at its deadline.
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    String eventsName = prefix + "-events-" + managerId;
    this.events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, eventsName);
      t.setDaemon(false);
      eventsThread = t;
      return t;
    });
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

  /** Runs {@code task} on the loop after {@code delayMs}. */
  public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
    return loop.schedule(task, delayMs, TimeUnit.MILLISECONDS);
  }

  /** Runs a user listener on the events thread; a throwing listener is logged and does not stop the others. */
  public void dispatch(Runnable listener) {
    try {
      events.execute(() -> {
        try {
          listener.run();
        } catch (Throwable t) {
          log.error("a listener threw", t);
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("listener dropped: client closed");
    }
  }

  public ExecutorService events() {
    return events;
  }

  public boolean inLoop() {
    return Thread.currentThread() == loopThread;
  }

  /**
   * Stops both threads. Waits for them to end unless called from one of them (then they end right after the current
   * task).
   */
  public void shutdown() {
    loop.shutdown();
    events.shutdown();
    boolean ownThread = inLoop() || Thread.currentThread() == eventsThread;
    if (ownThread) {
      return;
    }
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
      events.awaitTermination(5, TimeUnit.SECONDS);
      // Termination is reported from inside each thread: wait until the threads have really ended.
      join(loopThread);
      join(eventsThread);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) throws InterruptedException {
    if (t != null) {
      t.join(5_000);
    }
  }
}
