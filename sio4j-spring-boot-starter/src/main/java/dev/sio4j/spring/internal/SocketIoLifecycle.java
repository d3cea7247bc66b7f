package dev.sio4j.spring.internal;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.SocketIoServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops Socket.IO with the application context.
 *
 * <p>On the servlet stack the server is mounted on the application's own port before the web server starts (by a
 * {@code ServletContextInitializer}), and start does nothing; on the reactive stack start binds sio4j's own Netty
 * server to {@code sio4j.port}. Stop closes the server: every socket is disconnected ("server shutting down"), pending
 * long-polling requests are answered, the handler threads and the scheduler end, then the mounts registered with
 * {@link #closeOnStop} are closed. Its phase is above the web server's graceful shutdown
 * ({@code WebServerGracefulShutdownLifecycle}, {@code Integer.MAX_VALUE - 1024}), so it stops first: the graceful
 * shutdown then waits for no long-polling request, and no sio4j thread outlives the context. With
 * {@code sio4j.drain-timeout} set, stop first drains the server ({@link #drainOnStop}). Thread-safe.
 */
public final class SocketIoLifecycle implements SmartLifecycle {
  /** Stopped before the web server's graceful shutdown (phases stop from the highest). */
  public static final int PHASE = Integer.MAX_VALUE - 512;

  private static final long DRAIN_SLACK_MILLIS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(SocketIoLifecycle.class);

  private final SocketIoServer io;
  private final Integer ownPort;
  private final String why;
  private final List<AutoCloseable> mounts = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private volatile ServerBinding binding;
  private volatile Duration drain = Duration.ZERO;

  /** A lifecycle for {@code io} mounted in the servlet container: start has nothing to bind. */
  public SocketIoLifecycle(SocketIoServer io) {
    this(io, null, null);
  }

  /**
   * A lifecycle for {@code io} on sio4j's own server on {@code ownPort} (0: any free port), logging {@code why} it
   * does not share the application's port.
   */
  public SocketIoLifecycle(SocketIoServer io, Integer ownPort, String why) {
    this.io = io;
    this.ownPort = ownPort;
    this.why = why;
  }

  /**
   * Drains the server over {@code duration} before closing it ({@code SocketIoServer.drain}: new handshakes get 503,
   * the clients are moved to the other nodes in waves, their sessions handed to the cluster's store). Zero: no drain.
   * Returns this lifecycle.
   */
  public SocketIoLifecycle drainOnStop(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative drain duration: " + duration);
    }
    this.drain = duration;
    return this;
  }

  /** Closes {@code mount} (a servlet registration) once the server is closed. */
  public void closeOnStop(AutoCloseable mount) {
    mounts.add(mount);
  }

  /** The port sio4j's own server listens on (reactive stack), or -1. */
  public int ownPort() {
    ServerBinding b = binding;
    return b == null ? -1 : b.address().getPort();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    if (ownPort != null) {
      binding = io.listen(ownPort);
      log.info("sio4j: {}: Socket.IO runs on sio4j's own Netty server, port {} (sio4j.port), path {}", why,
          binding.address().getPort(), io.options().path());
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    Duration duration = drain;
    if (!duration.isZero()) {
      try {
        // the drain's own bound: the duration, then at most 5 s for the sessions to be kept
        io.drain(duration).get(duration.toMillis() + DRAIN_SLACK_MILLIS, TimeUnit.MILLISECONDS);
        log.info("sio4j: drained in at most {}", duration);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        log.warn("sio4j: the drain did not finish; closing", e);
      }
    }
    io.close();
    for (AutoCloseable mount : mounts) {
      try {
        mount.close();
      } catch (Exception e) {
        log.warn("closing {} failed", mount, e);
      }
    }
    log.info("sio4j: Socket.IO server closed");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
