package dev.sio4j.server.internal;

import dev.sio4j.server.DeliveryFailure;
import dev.sio4j.server.DeliveryFailureListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an emitting call (an emit to one socket, a broadcast, an acknowledgement) leaves behind on the thread that made
 * it, and what happens when it returns: the recipients it could not reach are reported to the server's
 * {@link DeliveryFailureListener}s, and, on a handler thread, the call waits for the recipients it left congested
 * (back-pressure: {@code ServerOptions.backpressureTimeout}).
 *
 * <p>An emitting call runs inside {@link #emitting} (or between {@link #begin()} and {@link #end}); the outboxes it
 * writes to record into the
 * current thread's {@link Emission} meanwhile. Nested calls (an emit from an outgoing listener) join the outer one. A
 * delivery outside any call (a broadcast from another server of the cluster, on the adapter's thread) is reported at
 * once and never waits. One per server; thread-safe (the per-thread state is confined to its thread).
 */
final class Emissions {
  private static final Logger log = LoggerFactory.getLogger(Emissions.class);

  /** The emitting call in progress on one thread; reused by the thread's later calls. */
  private static final class Emission {
    private int depth;
    /** Whether the thread runs the server's handlers, so may wait: never an I/O thread. */
    private boolean handlerThread;
    private List<SocketOutbox> congested;
    private List<String> failed;
  }

  private final ThreadLocal<Emission> current = ThreadLocal.withInitial(Emission::new);
  private final List<DeliveryFailureListener> listeners = new CopyOnWriteArrayList<>();
  private final long timeoutNanos;
  private final long stallNanos;
  private final Executor handlers;

  /**
   * @param timeoutNanos how long a handler waits for congested recipients; 0 never waits
   * @param stallNanos how long a handler waits for a congested recipient that does not drain
   * @param handlers where the listeners run
   */
  Emissions(long timeoutNanos, long stallNanos, Executor handlers) {
    this.timeoutNanos = timeoutNanos;
    this.stallNanos = Math.min(stallNanos, timeoutNanos);
    this.handlers = handlers;
  }

  void addListener(DeliveryFailureListener listener) {
    listeners.add(listener);
  }

  /** {@code task} as run by the server on a handler thread: emits made inside it may wait for back-pressure. */
  Runnable onHandlerThread(Runnable task) {
    return () -> {
      Emission e = current.get();
      boolean outer = !e.handlerThread;
      e.handlerThread = true;
      try {
        task.run();
      } finally {
        if (outer) {
          e.handlerThread = false;
        }
      }
    };
  }

  /**
   * Runs {@code emit}, an emitting call on {@code namespace}, between {@link #begin()} and {@link #end}.
   *
   * @return false when {@code emit} did, or when a recipient could not take the packet
   */
  boolean emitting(String namespace, String event, BooleanSupplier emit) {
    Emission e = begin();
    boolean sent = false;
    try {
      sent = emit.getAsBoolean();
    } finally {
      sent &= end(e, namespace, event);
    }
    return sent;
  }

  /** Starts an emitting call on this thread; pair with {@link #end}. */
  private Emission begin() {
    Emission e = current.get();
    e.depth++;
    return e;
  }

  /**
   * Ends the call {@link #begin()} started. The outermost call reports what failed and, on a handler thread, waits for
   * the congested recipients.
   *
   * @return whether every recipient took the packet (always true for a nested call: the outer one reports)
   */
  private boolean end(Emission e, String namespace, String event) {
    if (--e.depth > 0) {
      return true;
    }
    List<String> failed = e.failed;
    List<SocketOutbox> congested = e.congested;
    e.failed = null;
    e.congested = null;
    if (failed != null) {
      report(new DeliveryFailure(namespace, event, failed));
    }
    if (congested != null && e.handlerThread) {
      await(congested);
    }
    return failed == null;
  }

  /** {@code outbox} took a packet and is above its high-water mark. */
  void congested(SocketOutbox outbox) {
    Emission e = current.get();
    if (e.depth > 0 && e.handlerThread && timeoutNanos > 0) {
      if (e.congested == null) {
        e.congested = new ArrayList<>(1);
      }
      if (!e.congested.contains(outbox)) {
        e.congested.add(outbox);
      }
    }
  }

  /** Socket {@code socketId} of {@code namespace} could not be reached (its connection is closing). */
  void failed(String namespace, String socketId) {
    Emission e = current.get();
    if (e.depth == 0) {
      report(new DeliveryFailure(namespace, null, List.of(socketId)));
      return;
    }
    if (e.failed == null) {
      e.failed = new ArrayList<>(1);
    }
    e.failed.add(socketId);
  }

  private void report(DeliveryFailure failure) {
    log.debug("{} recipient(s) of {} in {} not reached: send buffer full", failure.unreached(),
        failure.event() == null ? "a packet" : "event " + failure.event(), failure.namespace());
    for (DeliveryFailureListener listener : listeners) {
      try {
        handlers.execute(() -> {
          try {
            listener.onDeliveryFailure(failure);
          } catch (Exception ex) {
            log.error("delivery failure listener failed", ex);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException ex) {
        log.debug("handler executor closed: delivery failure not reported", ex);
      }
    }
  }

  /**
   * Waits until every congested outbox drained, at most the timeout for all of them together, and for each only while
   * it drains at a pace that can matter. An outbox is given up when it wrote nothing for the stall timeout (measured
   * from its last write, which may be before the wait began), or when, over a stall timeout of waiting, what it holds
   * shrank too little to come down by half before the deadline: a reader that stopped, but whose kernel still takes a
   * trickle now and then, is told from one that only reads slower than the handler emits. Those given up are not
   * waited for again until they drain: a reader that stopped costs a handler about one stall timeout, not one per emit,
   * and its buffer fills to the hard limit, where its slow-consumer policy applies.
   */
  private void await(List<SocketOutbox> congested) {
    long now = System.nanoTime();
    long deadline = now + timeoutNanos;
    List<Waited> waiting = new ArrayList<>(congested.size());
    for (SocketOutbox outbox : congested) {
      waiting.add(new Waited(outbox, now));
    }
    while (true) {
      long wake = deadline;
      for (int i = waiting.size() - 1; i >= 0; i--) {
        Waited w = waiting.get(i);
        if (w.drained.isDone() || w.givenUp(now, deadline)) {
          waiting.remove(i);
        } else {
          wake = Math.min(wake, w.nextCheck());
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      CompletableFuture<?>[] pending = new CompletableFuture<?>[waiting.size()];
      for (int i = 0; i < pending.length; i++) {
        pending[i] = waiting.get(i).drained;
      }
      try {
        CompletableFuture.anyOf(pending).get(Math.max(0, wake - now), TimeUnit.NANOSECONDS);
      } catch (TimeoutException ex) {
        // a check is due: the loop sorts out which
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException ex) {
        // drained futures never fail
      }
      now = System.nanoTime();
    }
  }

  /** A congested outbox a handler waits for, with what it held when the current window of the stall timeout began. */
  private final class Waited {
    final SocketOutbox outbox;
    final CompletableFuture<Void> drained;
    long windowStart;
    long bytesAtWindowStart;

    Waited(SocketOutbox outbox, long now) {
      this.outbox = outbox;
      this.drained = outbox.drained();
      this.windowStart = now;
      this.bytesAtWindowStart = outbox.bufferedBytes();
    }

    /** When to look at it again: the end of its window, or a stall timeout after its last write. */
    long nextCheck() {
      return Math.min(outbox.lastWrittenNanos(), windowStart) + stallNanos;
    }

    /**
     * Whether the handler stops waiting for it now (and marks it stalled): the deadline passed, it wrote nothing for
     * the stall timeout, or a window of the stall timeout ended with too little drained.
     */
    boolean givenUp(long now, long deadline) {
      boolean stalled = now - deadline >= 0 || now - (outbox.lastWrittenNanos() + stallNanos) >= 0;
      if (!stalled && now - windowStart >= stallNanos) {
        long bytes = outbox.bufferedBytes();
        long shrunk = bytesAtWindowStart - bytes;
        // at this window's pace, what drains before the deadline: at least half of what waits, or it is no use waiting
        stalled = shrunk <= 0 || (double) shrunk * (deadline - now) / (now - windowStart) < bytes / 2.0;
        windowStart = now;
        bytesAtWindowStart = bytes;
      }
      if (stalled) {
        outbox.stalled(drained);
      }
      return stalled;
    }
  }
}
