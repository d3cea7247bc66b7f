package dev.sio4j.client.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two threads a manager owns: one Netty event loop for all I/O, timers and protocol state, and one thread on which
 * user listeners run, in order. Both are non-daemon (a connected client keeps the JVM alive, as in Node) and both end
 * in {@link #shutdown()}.
 */
public final class ClientThreads {
  private static final Logger log = LoggerFactory.getLogger(ClientThreads.class);

  private final EventLoop loop;
  private final ThreadPoolExecutor events;
  private volatile Thread eventsThread;
  private volatile Thread ioThread;
  private final LoopAddressResolverGroup resolver = new LoopAddressResolverGroup();

  public ClientThreads(String prefix, String managerId) {
    // A lone event loop rather than a group of one: a group's termination is reported through Netty's global
    // executor, which would start one more (daemon) thread at close.
    DefaultThreadFactory ioFactory = new DefaultThreadFactory(prefix + "-io-" + managerId, false);
    this.loop = new SingleThreadIoEventLoop(null, r -> {
      Thread t = ioFactory.newThread(r);
      ioThread = t;
      return t;
    }, NioIoHandler.newFactory());
    String eventsName = prefix + "-events-" + managerId;
    this.events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, eventsName);
      t.setDaemon(false);
      eventsThread = t;
      return t;
    });
  }

  /** The event loop: I/O, timers and all protocol state of the manager are confined to it. */
  public EventLoop loop() {
    return loop;
  }

  /** Runs a user listener on the events thread; a throwing listener is logged and does not stop the others. */
  public void dispatch(Runnable listener) {
    try {
      events.execute(() -> {
        try {
          listener.run();
        } catch (Throwable t) {
          log.error("a listener threw", t);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("listener dropped: client closed");
    }
  }

  public ExecutorService events() {
    return events;
  }

  /** The name resolution the manager's connections use. */
  public io.netty.resolver.AddressResolverGroup<?> resolver() {
    return resolver;
  }

  public boolean inLoop() {
    return loop.inEventLoop();
  }

  /**
   * Stops both threads. Waits for them to end unless called from one of them (then they end right after the current
   * task).
   */
  public void shutdown() {
    loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    // Not through a listener on the termination future: that would run on Netty's global executor thread.
    resolver.close();
    events.shutdown();
    boolean ownThread = loop.inEventLoop() || Thread.currentThread() == eventsThread;
    if (ownThread) {
      return;
    }
    try {
      loop.terminationFuture().await(5, TimeUnit.SECONDS);
      events.awaitTermination(5, TimeUnit.SECONDS);
      // Termination is reported from inside each thread: wait until the threads have really ended.
      join(ioThread);
      join(eventsThread);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) throws InterruptedException {
    if (t != null) {
      t.join(5_000);
    }
  }
}
