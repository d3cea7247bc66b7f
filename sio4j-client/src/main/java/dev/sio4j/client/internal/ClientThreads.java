package dev.sio4j.client.internal;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
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

  private final EventLoopGroup group;
  private final EventLoop loop;
  private final ThreadPoolExecutor events;
  private volatile Thread eventsThread;

  public ClientThreads(String prefix, String managerId) {
    this.group = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory(prefix + "-io-" + managerId, false), NioIoHandler.newFactory());
    this.loop = group.next();
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

  public EventLoopGroup group() {
    return group;
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

  public boolean inLoop() {
    return loop.inEventLoop();
  }

  /**
   * Stops both threads. Waits for them to end unless called from one of them (then they end right after the current
   * task).
   */
  public void shutdown() {
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    events.shutdown();
    boolean ownThread = loop.inEventLoop() || Thread.currentThread() == eventsThread;
    if (ownThread) {
      return;
    }
    try {
      group.terminationFuture().await(5, TimeUnit.SECONDS);
      events.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
