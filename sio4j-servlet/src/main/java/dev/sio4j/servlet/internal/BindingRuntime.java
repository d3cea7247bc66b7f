package dev.sio4j.servlet.internal;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one servlet owns besides the container's threads: the engine and handlers it routes to, a small pool for the
 * work that must not run on a caller's stack (write callbacks, close frames, their timeouts), and the WebSockets it
 * opened, so that {@link #close()} can close them.
 *
 * <p>Thread-safety: every method may be called from any thread. The pool's threads are daemons that end when idle, so
 * a servlet that is never closed holds no thread while nothing happens.
 */
final class BindingRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BindingRuntime.class);

  /** A handshake the engine accepts asynchronously (allowRequest) holds its request thread at most this long. */
  static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  /** After a close was asked for, a backlog the peer does not read is dropped after this long (Netty's default). */
  static final long CLOSE_FRAME_TIMEOUT_MILLIS = 5_000;
  /** Above this many queued bytes a WebSocket is not writable (Netty's default high-water mark). */
  static final int HIGH_WATER_MARK = 64 * 1024;
  /** A WebSocket that was above the high-water mark is writable again below this (Netty's low-water mark). */
  static final int LOW_WATER_MARK = 32 * 1024;

  final EngineServer engine;
  final List<HttpHandler> handlers;
  private final ScheduledThreadPoolExecutor pool;
  private final Set<ServletWebSocketConnection> open = ConcurrentHashMap.newKeySet();
  // write callbacks of every WebSocket, run in order by one pool task at a time (see callback)
  private final Queue<Runnable> callbacks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean callbacksScheduled = new AtomicBoolean();
  private final Runnable drainCallbacks = this::drainCallbacks;
  // the text frame last built, for the next recipient of the same packet (see textFrame)
  private volatile TextFrame lastTextFrame;

  private record TextFrame(EngineIoPacket packet, String frame) {}
  private volatile boolean closed;

  BindingRuntime(EngineServer engine, List<HttpHandler> handlers) {
    this.engine = engine;
    this.handlers = List.copyOf(handlers);
    AtomicInteger threads = new AtomicInteger();
    this.pool = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "sio4j-servlet-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.setKeepAliveTime(10, TimeUnit.SECONDS);
    pool.allowCoreThreadTimeOut(true);
    pool.setRemoveOnCancelPolicy(true);
  }

  boolean isClosed() {
    return closed;
  }

  /** Runs {@code task} on the pool; after {@link #close()}, on the calling thread. */
  void execute(Runnable task) {
    try {
      pool.execute(() -> run(task));
    } catch (RejectedExecutionException e) {
      run(task);
    }
  }

  /**
   * Runs {@code task} on the pool, after the callbacks handed over before it. A broadcast completes one write per
   * recipient on the broadcasting thread; one pool task runs all the callbacks handed over meanwhile, instead of one
   * task and one thread wake-up each. Tasks must not block. After {@link #close()}, on the calling thread.
   */
  void callback(Runnable task) {
    callbacks.add(task);
    if (callbacksScheduled.compareAndSet(false, true)) {
      try {
        pool.execute(drainCallbacks);
      } catch (RejectedExecutionException e) {
        drainCallbacks();
      }
    }
  }

  private void drainCallbacks() {
    while (true) {
      Runnable task;
      while ((task = callbacks.poll()) != null) {
        run(task);
      }
      callbacksScheduled.set(false);
      // a task added after the last poll found the flag still set: go on with it unless another drain took it
      if (callbacks.isEmpty() || !callbacksScheduled.compareAndSet(false, true)) {
        return;
      }
    }
  }

  /**
   * {@code packet} as the text of its WebSocket message: {@code <type digit><text>}. Jakarta WebSocket sends text as a
   * {@code String}, so the packet's shared UTF-8 bytes cannot be used; the String is kept for the next call instead,
   * and a broadcast, which writes one packet to every recipient in turn, builds it once.
   */
  String textFrame(EngineIoPacket packet) {
    TextFrame last = lastTextFrame;
    if (last != null && last.packet() == packet) {
      return last.frame();
    }
    String text = packet.text();
    String frame = text == null ? String.valueOf(packet.type().code()) : packet.type().code() + text;
    lastTextFrame = new TextFrame(packet, frame);
    return frame;
  }

  /** Runs {@code task} after {@code millis}; null (and never run) once closed. */
  ScheduledFuture<?> schedule(Runnable task, long millis) {
    try {
      return pool.schedule(() -> run(task), millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  private static void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.error("servlet binding task failed", e);
    }
  }

  void opened(ServletWebSocketConnection connection) {
    open.add(connection);
    if (closed) {
      connection.close(1001, "server shutting down");
    }
  }

  void closed(ServletWebSocketConnection connection) {
    open.remove(connection);
  }

  int openWebSockets() {
    return open.size();
  }

  /**
   * Refuses new requests (503) and closes the WebSockets still open with 1001 "going away" (RFC 6455 section 7.4.1);
   * the pool ends once their close frames are out. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ServletWebSocketConnection connection : open) {
      connection.close(1001, "server shutting down");
    }
    // queued work (close frames) still runs; the pool's threads then end
    pool.shutdown();
  }
}
