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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one servlet owns besides the container's threads: the engine and handlers it routes to, the writer threads
 * that send WebSocket messages ({@link #write}), a small pool for the work that must not run on a caller's stack (close
 * frames, their timeouts), and the WebSockets it opened, so that {@link #close()} can close them.
 *
 * <p>Thread-safety: every method may be called from any thread. The pools' threads are daemons that end when idle, so
 * a servlet that is never closed holds no thread while nothing happens.
 */
final class BindingRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BindingRuntime.class);

  /** A handshake the engine accepts asynchronously (allowRequest) holds its request thread at most this long. */
  static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  /** After a close was asked for, a backlog the peer does not read is dropped after this long (Netty's default). */
  static final long CLOSE_FRAME_TIMEOUT_MILLIS = 5_000;
  /**
   * A flush of batched messages that the socket does not take within this long closes the session: the peer stopped
   * reading (Tomcat's blocking send timeout, 20 s by default, per session).
   */
  static final long FLUSH_TIMEOUT_MILLIS = 5_000;
  /** Writer threads at most: more than one only while a writer blocks on a flush (see {@link #blocking}). */
  static final int MAX_WRITERS = 4;
  /** Writes by one thread closer together than this are a burst (see {@link #loneWrite}). */
  static final long BURST_GAP_NANOS = 20_000;
  /** Above this many queued bytes a WebSocket is not writable (Netty's default high-water mark). */
  static final int HIGH_WATER_MARK = 64 * 1024;
  /** A WebSocket that was above the high-water mark is writable again below this (Netty's low-water mark). */
  static final int LOW_WATER_MARK = 32 * 1024;

  final EngineServer engine;
  final List<HttpHandler> handlers;
  private final ScheduledThreadPoolExecutor pool;
  private final Set<ServletWebSocketConnection> open = ConcurrentHashMap.newKeySet();
  // connections with writes to send, and the writer threads that send them (see write)
  private final ThreadPoolExecutor writerPool;
  private final Queue<ServletWebSocketConnection> writeQueue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger writers = new AtomicInteger();
  private final Runnable runWriter = this::runWriter;
  // per thread: when it last wrote (see loneWrite)
  private final ThreadLocal<long[]> lastWrite = ThreadLocal.withInitial(() -> new long[] {System.nanoTime() - 2 * BURST_GAP_NANOS});
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
    AtomicInteger writerThreads = new AtomicInteger();
    this.writerPool = new ThreadPoolExecutor(MAX_WRITERS, MAX_WRITERS, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "sio4j-servlet-writer-" + writerThreads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    writerPool.allowCoreThreadTimeOut(true);
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
   * Hands {@code connection} to a writer thread, which calls its {@link ServletWebSocketConnection#drain() drain}. The
   * writers take connections from one queue: while they are busy (a broadcast), the writes made meanwhile wait in each
   * connection's queue and leave together, and no thread is woken per write. One writer runs while there is work; a
   * writer about to block starts another first ({@link #blocking}), up to {@link #MAX_WRITERS}.
   */
  void write(ServletWebSocketConnection connection) {
    writeQueue.add(connection);
    if (writers.get() == 0 && claimWriter()) {
      startWriter();
    }
  }

  /**
   * Whether a write by the calling thread is a lone one rather than part of a burst: its previous write was more than
   * {@link #BURST_GAP_NANOS} ago. A broadcast writes to one connection after another, microseconds apart; an
   * acknowledgement is one write in a handler's task.
   */
  boolean loneWrite() {
    long now = System.nanoTime();
    long[] last = lastWrite.get();
    boolean lone = now - last[0] > BURST_GAP_NANOS;
    last[0] = now;
    return lone;
  }

  /**
   * The calling writer is about to block (a flush the socket may not take at once): it stops counting as a writer
   * until {@link #unblocked}, and unless another writer runs, one is started for the other connections meanwhile, so
   * that a peer that stopped reading holds up no other. At most {@link #MAX_WRITERS} threads: if every one blocks, the next waits for one.
   */
  void blocking() {
    if (writers.decrementAndGet() == 0 && !writeQueue.isEmpty() && claimWriter()) {
      startWriter();
    }
  }

  /** The writer that called {@link #blocking} goes on: it counts again, even above {@link #MAX_WRITERS}. */
  void unblocked() {
    writers.incrementAndGet();
  }

  private boolean claimWriter() {
    while (true) {
      int n = writers.get();
      if (n >= MAX_WRITERS) {
        return false;
      }
      if (writers.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  private void startWriter() {
    try {
      writerPool.execute(runWriter);
    } catch (RejectedExecutionException e) {
      // closed: the remaining writes (close frames, failures) run here
      runWriter();
    }
  }

  private void runWriter() {
    while (true) {
      ServletWebSocketConnection connection;
      while ((connection = writeQueue.poll()) != null) {
        try {
          connection.drain();
        } catch (RuntimeException e) {
          log.error("servlet binding write failed", e);
        }
      }
      writers.decrementAndGet();
      // a connection queued after the last poll may have found this writer still counted: go on with it
      if (writeQueue.isEmpty() || !claimWriter()) {
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
    // queued work (close frames, writes) still runs; the pools' threads then end
    pool.shutdown();
    writerPool.shutdown();
  }
}
