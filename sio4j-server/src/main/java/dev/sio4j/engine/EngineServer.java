package dev.sio4j.engine;

import dev.sio4j.engine.internal.EngineCore;
import dev.sio4j.engine.spi.WebSocketUpgrade;
import java.util.Collection;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The Engine.IO v4 server: opens sessions, runs their heartbeat, long-polling and WebSocket transports and the
 * upgrade between them, and tells an {@link EngineListener} about them. It does no network I/O itself: a transport
 * binding (the embedded Netty server of {@code sio4j-netty}, a Servlet container) hands it requests through
 * {@link #handleRequest} and {@link #handleUpgrade}.
 *
 * <p>Lifecycle: created with its options and listener, usable at once; {@link #close()} closes every session with
 * {@link EngineCloseReason#SERVER_SHUTTING_DOWN} and stops its timer thread. Thread-safety: every method may be called
 * from any thread. Each server owns its scheduler (one daemon thread), session registry and id generator.
 */
public final class EngineServer implements AutoCloseable {
  private final EngineCore core;

  /** A server with {@code options} reporting to {@code listener}. */
  public EngineServer(EngineOptions options, EngineListener listener) {
    this.core = new EngineCore(Objects.requireNonNull(options, "options"), Objects.requireNonNull(listener, "listener"));
  }

  /** The options. */
  public EngineOptions options() {
    return core.options();
  }

  /** Whether {@code path} (decoded, without query) is this engine's: the option's path, with or without its slash. */
  public boolean handles(String path) {
    String own = core.options().path();
    return path.equals(own) || path.equals(own.substring(0, own.length() - 1));
  }

  /** The number of open sessions. */
  public int sessionCount() {
    return core.sessionCount();
  }

  /** The open session with id {@code sid}, or {@code null}. */
  public EngineSocket session(String sid) {
    return core.session(sid);
  }

  /** A snapshot of the open sessions. */
  public Collection<? extends EngineSocket> sessions() {
    return core.sessions();
  }

  /**
   * Serves an Engine.IO HTTP request (long-polling GET or POST, handshake, CORS preflight) under the engine's path.
   * Called by bindings; answers {@code exchange} exactly once, now or later (a held GET).
   */
  public void handleRequest(HttpExchange exchange) {
    core.handleRequest(exchange);
  }

  /**
   * Serves a WebSocket upgrade request under the engine's path: either answers {@code exchange} with an error, or
   * accepts through {@code upgrade} (a new session, or the upgrade of an existing long-polling one).
   */
  public void handleUpgrade(HttpExchange exchange, WebSocketUpgrade upgrade) {
    core.handleUpgrade(exchange, upgrade);
  }

  /**
   * Called by bindings on an I/O thread that starts handing the engine the events of one event-loop iteration; the
   * binding calls {@link #ioBatchEnd()} on the same thread once the iteration is done. Lets the layer above hand the
   * iteration's work to its handler threads in one go (see {@link EngineListener#onIoBatchStart()}). Optional: a
   * binding that never calls it works the same, with a hand-off per event.
   */
  public void ioBatchStart() {
    core.listener().onIoBatchStart();
  }

  /** Ends the batch {@link #ioBatchStart()} started on the calling thread. */
  public void ioBatchEnd() {
    core.listener().onIoBatchEnd();
  }

  /**
   * Takes this node out of service without losing its clients: from now on handshakes (and requests for sessions it
   * does not know) are answered 503, so that a load balancer sends them to another node; the open sessions are closed
   * in waves spread over {@code duration} (at most one wave per 50 ms), each as a transport close, after which the
   * official clients reconnect by themselves, to another node. Completes once no session is left. Idempotent: a later
   * call returns the first call's future. {@link #close()} still has to be called.
   */
  public CompletableFuture<Void> drain(Duration duration) {
    return drain(duration, session -> CompletableFuture.completedFuture(null));
  }

  /**
   * {@link #drain(Duration)}, running {@code beforeClose} for each session just before its turn comes, and closing it
   * once the stage completes (at most 5 s later): the Socket.IO layer hands the session to the cluster's store there,
   * so that the client finds it on the server it reconnects to.
   */
  public CompletableFuture<Void> drain(Duration duration,
      Function<EngineSocket, ? extends CompletionStage<Void>> beforeClose) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative drain duration: " + duration);
    }
    Objects.requireNonNull(beforeClose, "beforeClose");
    return core.drain(duration.toMillis(), beforeClose::apply);
  }

  /** Whether {@link #drain} was called: the engine refuses new sessions. */
  public boolean isDraining() {
    return core.draining();
  }

  /** Closes every session with "server shutting down" and stops the timer thread. Idempotent. */
  @Override
  public void close() {
    core.close();
  }
}
