package dev.sio4j.server.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The default executor of user handlers: virtual threads when the JVM has them (21+), else a bounded pool. */
public final class HandlerExecutors {
  private HandlerExecutors() {}

  /** Threads of the fallback pool: handlers may block, so more than the cores. */
  public static int defaultPoolSize() {
    return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
  }

  /** A new default executor, owned (and shut down) by its server. */
  public static ExecutorService createDefault(String name) {
    try {
      // Executors.newVirtualThreadPerTaskExecutor() exists from JDK 21; looked up at run time since we target 17
      Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) factory.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return newPool(name, defaultPoolSize());
    }
  }

  /** A pool of {@code size} daemon threads named after {@code name}. */
  public static ExecutorService newPool(String name, int size) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // Each socket queues at most one task at a time here (SerialExecutor), so the queue is bounded by the sockets.
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Whether {@code executor} runs tasks on virtual threads (for logs and tests). */
  public static boolean isVirtual(ExecutorService executor) {
    return !(executor instanceof ThreadPoolExecutor);
  }
}
