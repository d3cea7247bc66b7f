package dev.sio4j.netty.internal;

import dev.sio4j.engine.EngineServer;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.concurrent.RejectedExecutionException;

/**
 * Tells the engine when an event loop starts handing it the events of one iteration, and when that iteration is over
 * ({@link EngineServer#ioBatchStart()}, {@link EngineServer#ioBatchEnd()}): the events read in one iteration then reach
 * the handler threads in one hand-off. The end runs as the loop's after-iteration task.
 *
 * <p>One per server; the state is per event-loop thread and touched by that thread only.
 */
final class IoBatches {
  private final EngineServer engine;
  private final FastThreadLocal<Loop> loops = new FastThreadLocal<>() {
    @Override
    protected Loop initialValue() {
      return new Loop();
    }
  };

  IoBatches(EngineServer engine) {
    this.engine = engine;
  }

  /** Opens the calling loop's batch for this iteration, unless open; a loop of another kind gets none. */
  void enter(EventExecutor executor) {
    if (!(executor instanceof SingleThreadEventLoop loop) || !loop.inEventLoop()) {
      return;
    }
    Loop state = loops.get();
    if (state.open) {
      return;
    }
    try {
      loop.executeAfterEventLoopIteration(state.end);
    } catch (RejectedExecutionException e) {
      // shutting down: no end would come, so no batch
      return;
    }
    state.open = true;
    engine.ioBatchStart();
  }

  private final class Loop {
    boolean open;
    final Runnable end = () -> {
      open = false;
      engine.ioBatchEnd();
    };
  }
}
