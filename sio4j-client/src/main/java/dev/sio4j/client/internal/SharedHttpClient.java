package dev.sio4j.client.internal;

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
  private static int users;

  private SharedHttpClient() {
  }

  /** The shared client; each call must be matched by one {@link #release()}. */
  public static OkHttpClient acquire() {
    synchronized (LOCK) {
      if (client == null) {
        AtomicInteger n = new AtomicInteger();
        ThreadGroup group = new ThreadGroup("sio4j-okhttp");
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
              Thread t = new Thread(group, r, "sio4j-okhttp-" + n.incrementAndGet());
              t.setDaemon(true);
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
    synchronized (LOCK) {
      if (users == 0 || --users > 0) {
        return;
      }
      ending = executor;
      ended = client;
      executor = null;
      client = null;
    }
    ended.dispatcher().cancelAll();
    ended.connectionPool().evictAll();
    ending.shutdown();
    if (!"sio4j-okhttp".equals(Thread.currentThread().getThreadGroup() == null ? null
        : Thread.currentThread().getThreadGroup().getName())) {
      try {
        ending.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
