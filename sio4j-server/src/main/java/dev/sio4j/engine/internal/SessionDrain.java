package dev.sio4j.engine.internal;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Closes an engine's sessions in waves spread over a duration, as transport closes, then completes once none is left.
 *
 * <p>Why waves: every client of a drained node reconnects (to another node) at once otherwise, a thundering herd on
 * the rest of the cluster and on the shared session store. Why a transport close: the official clients reconnect after
 * one, and present their session for recovery; a Socket.IO DISCONNECT from the server would stop them for good.
 *
 * <p>Runs on the engine's scheduler thread; {@link #start} may be called from any thread.
 */
final class SessionDrain {
  /** Waves at most this often: a wave is one pass over a slice of the sessions. */
  static final long MIN_WAVE_MILLIS = 50;
  private static final long POLL_MILLIS = 20;

  private final ScheduledExecutorService scheduler;
  /** How long a session's {@code beforeClose} may take before the session is closed anyway. */
  private static final long BEFORE_CLOSE_MAX_MILLIS = 5_000;

  private final Supplier<List<? extends EngineSocket>> sessions;
  private final Function<EngineSocket, CompletionStage<Void>> beforeClose;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private boolean finishing;

  SessionDrain(ScheduledExecutorService scheduler, Supplier<List<? extends EngineSocket>> sessions,
      Function<EngineSocket, CompletionStage<Void>> beforeClose) {
    this.scheduler = scheduler;
    this.sessions = sessions;
    this.beforeClose = beforeClose;
  }

  CompletableFuture<Void> done() {
    return done;
  }

  /** Closes the sessions open now over {@code millis}, in waves at least {@link #MIN_WAVE_MILLIS} apart. */
  SessionDrain start(long millis) {
    List<EngineSocket> open = new ArrayList<>(sessions.get());
    // shuffled so that each wave takes clients of every kind, not the oldest first
    Collections.shuffle(open);
    int waves = (int) Math.max(1, Math.min(open.size(), millis / MIN_WAVE_MILLIS));
    try {
      for (int wave = 0; wave < waves; wave++) {
        int from = (int) ((long) open.size() * wave / waves);
        int to = (int) ((long) open.size() * (wave + 1) / waves);
        List<EngineSocket> slice = open.subList(from, to);
        long at = waves == 1 ? 0 : millis * wave / waves;
        scheduler.schedule(() -> close(slice), at, TimeUnit.MILLISECONDS);
      }
      // then whatever opened meanwhile (a handshake admitted just before the drain began), and wait for the last
      scheduler.schedule(this::finish, millis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the engine closed meanwhile: its close ended every session
      done.complete(null);
    }
    return this;
  }

  private void close(List<? extends EngineSocket> slice) {
    for (EngineSocket session : slice) {
      CompletionStage<Void> ready;
      try {
        ready = beforeClose.apply(session);
      } catch (RuntimeException e) {
        ready = CompletableFuture.completedFuture(null);
      }
      ready.toCompletableFuture().orTimeout(BEFORE_CLOSE_MAX_MILLIS, TimeUnit.MILLISECONDS)
          .whenComplete((v, e) -> session.close(EngineCloseReason.TRANSPORT_CLOSE, "server draining"));
    }
  }

  private void finish() {
    List<? extends EngineSocket> left = sessions.get();
    if (left.isEmpty()) {
      done.complete(null);
      return;
    }
    if (!finishing) {
      // once: what opened meanwhile; afterwards only waiting for the closes under way
      finishing = true;
      close(left);
    }
    try {
      scheduler.schedule(this::finish, POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
  }
}
