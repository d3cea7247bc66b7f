package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WriteBatching;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * The Netty binding's {@link WriteBatching}: a write from a thread inside a batch queues its event-loop task without
 * waking the loop ({@link SingleThreadEventExecutor#lazyExecute}), and the batch's end wakes each loop it held back
 * once. A loop woken by the first of a thousand writes would take the core from the writer at once and find one frame
 * per connection; woken at the end, it finds all of them.
 *
 * <p>One per server; thread-safe.
 */
final class WriteBatches implements WriteBatching {
  private static final Runnable WAKE = () -> { };

  private final ThreadLocal<HeldBatch> current = new ThreadLocal<>();

  @Override
  public Batch begin() {
    HeldBatch batch = new HeldBatch();
    current.set(batch);
    return batch;
  }

  /**
   * Queues {@code task} on {@code loop} (called off the loop): held back if the calling thread is inside a batch,
   * else at once.
   */
  void execute(EventLoop loop, Runnable task) {
    HeldBatch batch = current.get();
    if (batch != null && loop instanceof SingleThreadEventExecutor lazy) {
      lazy.lazyExecute(task);
      batch.held.add(loop);
    } else {
      loop.execute(task);
    }
  }

  private final class HeldBatch implements Batch {
    // the loops holding tasks of this batch: added by its thread, taken by end() or by flush() on the watchdog's
    final Set<EventLoop> held = ConcurrentHashMap.newKeySet();

    @Override
    public void end() {
      if (current.get() == this) {
        current.remove();
      }
      flush();
    }

    @Override
    public void flush() {
      for (EventLoop loop : held) {
        held.remove(loop);
        try {
          loop.execute(WAKE);
        } catch (RejectedExecutionException e) {
          // shutting down: the held tasks are dropped with the loop's queue
        }
      }
    }
  }
}
