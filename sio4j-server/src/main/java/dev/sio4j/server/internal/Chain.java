package dev.sio4j.server.internal;

import dev.sio4j.server.Next;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a list of middlewares one after the other. A middleware that calls {@code next} before returning continues the
 * chain on the same thread; one that calls it later (from another thread) continues on the socket's serial executor,
 * so the rest never runs on a foreign thread (an I/O thread, a timer).
 */
final class Chain {
  private Chain() {}

  /** Invokes one middleware. */
  interface Step<M> {
    void invoke(M middleware, Next next) throws Exception;
  }

  static <M> void run(List<M> middlewares, Step<M> step, Executor serial, Runnable done, Consumer<Exception> failed) {
    next(middlewares, 0, step, serial, done, failed);
  }

  private static <M> void next(List<M> middlewares, int index, Step<M> step, Executor serial, Runnable done,
      Consumer<Exception> failed) {
    if (index >= middlewares.size()) {
      done.run();
      return;
    }
    Thread caller = Thread.currentThread();
    AtomicBoolean returned = new AtomicBoolean();
    AtomicBoolean called = new AtomicBoolean();
    Next next = new Next() {
      @Override
      public void proceed() {
        if (called.compareAndSet(false, true)) {
          continueWith(() -> next(middlewares, index + 1, step, serial, done, failed));
        }
      }

      @Override
      public void fail(Exception error) {
        if (called.compareAndSet(false, true)) {
          continueWith(() -> failed.accept(error));
        }
      }

      private void continueWith(Runnable rest) {
        if (Thread.currentThread() == caller && !returned.get()) {
          rest.run();
        } else {
          serial.execute(rest);
        }
      }
    };
    try {
      step.invoke(middlewares.get(index), next);
    } catch (Exception e) {
      next.fail(e);
    } finally {
      returned.set(true);
    }
  }
}
