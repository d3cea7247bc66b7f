package dev.sio4j.server.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The default executor of user handlers: virtual threads when the JVM has them (21+), else a bounded pool. */
public final class HandlerExecutors {
  /**
   * How long a handler runs before the fallback pool counts its thread as blocked and lets another in. Longer than the
   * kernel's time slices (a few milliseconds): on a saturated core a thread is often off the CPU that long between
   * two of its instructions without being blocked, and with 2 ms the pool took such waits for blocking and kept four
   * to seven more threads running beside the I/O threads of a single busy core (an echo benchmark), each one more
   * thread to switch to. A task behind a truly blocked handler so waits about 40 ms before another thread takes it.
   */
  public static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private HandlerExecutors() {}

  /** The most threads of the fallback pool: it grows past the cores only while handlers block. */
  public static int defaultMaxThreads() {
    return Math.max(256, 16 * Runtime.getRuntime().availableProcessors());
  }

  /** A new default executor, owned (and shut down) by its server. */
  public static ExecutorService createDefault(String name) {
    try {
      // Executors.newVirtualThreadPerTaskExecutor() exists from JDK 21; looked up at run time since we target 17
      Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) factory.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return newPool(name);
    }
  }

  /**
   * The fallback pool: as many running threads as cores, more while handlers block (up to {@link
   * #defaultMaxThreads()}); see {@link HandlerPool}.
   */
  public static ExecutorService newPool(String name) {
    return new HandlerPool(name, Runtime.getRuntime().availableProcessors(), defaultMaxThreads(), STALL_NANOS);
  }

  /** Whether {@code executor} runs tasks on virtual threads (for logs and tests). */
  public static boolean isVirtual(ExecutorService executor) {
    return !(executor instanceof HandlerPool);
  }
}
