package dev.sio4j.client.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The OkHttpClient every manager without one of its own shares, as OkHttp intends: one connection pool and one
 * dispatcher for the JVM. Created when the first such manager opens and dismantled when the last one closes, so that
 * a closed client leaves no dispatcher thread and no pooled connection behind.
 *
 * <p>The dispatcher runs on daemon threads named {@code sio4j-okhttp-N} (each WebSocket holds one for its reader, as
 * with any OkHttpClient); idle ones end after {@link #KEEP_ALIVE_SECONDS}. OkHttp's own "OkHttp TaskRunner" threads are
 * process-wide, daemon, and end by themselves about a minute after their last task.
 */
public final class SharedHttpClient {
  /** How long an idle dispatcher thread waits for work before it ends (OkHttp's own default: 60 s). */
  static final long KEEP_ALIVE_SECONDS = 10;

  private static final Object LOCK = new Object();
  private static OkHttpClient client;
  private static ExecutorService executor;
  private static List<Thread> threads;
  private static int users;

  private SharedHttpClient() {
  }

  /** The shared client; each call must be matched by one {@link #release()}. */
  public static OkHttpClient acquire() {
    synchronized (LOCK) {
      if (client == null) {
        AtomicInteger n = new AtomicInteger();
        List<Thread> started = new CopyOnWriteArrayList<>();
        threads = started;
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
              Thread t = new Thread(r, "sio4j-okhttp-" + n.incrementAndGet());
              t.setDaemon(true);
              started.removeIf(old -> !old.isAlive());
              started.add(t);
              return t;
            });
        Dispatcher dispatcher = new Dispatcher(executor);
        // A browser's limit per host (6) would starve a JVM running many clients against one server.
        dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        client = new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool())
            .build();
      }
      users++;
      return client;
    }
  }

  /**
   * One user is done with the shared client; the last one ends its threads and connections, waiting for them a
   * bounded time unless called from one of them.
   */
  public static void release() {
    ExecutorService ending;
    OkHttpClient ended;
    List<Thread> endingThreads;
    synchronized (LOCK) {
      if (users == 0 || --users > 0) {
        return;
      }
      ending = executor;
      ended = client;
      endingThreads = threads;
      executor = null;
      client = null;
      threads = null;
    }
    ended.dispatcher().cancelAll();
    ended.connectionPool().evictAll();
    ending.shutdown();
    if (!endingThreads.contains(Thread.currentThread())) {
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        ending.awaitTermination(2, TimeUnit.SECONDS);
        // The pool reports termination from inside its last thread: wait until the threads have really ended.
        for (Thread t : endingThreads) {
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
