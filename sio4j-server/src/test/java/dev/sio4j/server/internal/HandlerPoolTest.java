package dev.sio4j.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fallback handler pool: every task runs, blocked handlers do not starve the others, batches wake once. */
class HandlerPoolTest {
  private static final long STALL = TimeUnit.MILLISECONDS.toNanos(2);
  private final List<HandlerPool> pools = new ArrayList<>();

  private HandlerPool pool(int parallelism, int maxThreads) {
    HandlerPool pool = new HandlerPool("test-handler", parallelism, maxThreads, STALL);
    pools.add(pool);
    return pool;
  }

  /** Waits for {@code latch}; an interrupt (shutdownNow) ends the wait. */
  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void shutDown() throws InterruptedException {
    for (HandlerPool pool : pools) {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), pool.toString());
    }
  }

  @Test
  void runsEveryTaskFromManyThreads() throws Exception {
    HandlerPool pool = pool(2, 16);
    int producers = 4;
    int perProducer = 5_000;
    CountDownLatch done = new CountDownLatch(producers * perProducer);
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      Thread t = new Thread(() -> {
        for (int i = 0; i < perProducer; i++) {
          pool.execute(done::countDown);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(done.await(10, TimeUnit.SECONDS), "tasks left: " + done.getCount());
  }

  @Test
  void aBlockedHandlerDoesNotHoldUpTheOthers() throws Exception {
    HandlerPool pool = pool(1, 8);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    pool.execute(() -> {
      blocking.countDown();
      await(release);
    });
    assertTrue(blocking.await(5, TimeUnit.SECONDS));
    // the only thread is blocked: the watchdog lets another in
    CountDownLatch ran = new CountDownLatch(1);
    pool.execute(ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS), "a task waited behind a blocked handler");
    release.countDown();
  }

  @Test
  void growsAsFarAsBlockedHandlersNeed() throws Exception {
    HandlerPool pool = pool(1, 32);
    int n = 20;
    // every task waits for all the others: they only finish if n threads run at once
    CountDownLatch all = new CountDownLatch(n);
    CountDownLatch finished = new CountDownLatch(n);
    for (int i = 0; i < n; i++) {
      pool.execute(() -> {
        all.countDown();
        try {
          if (all.await(10, TimeUnit.SECONDS)) {
            finished.countDown();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    assertTrue(finished.await(15, TimeUnit.SECONDS), "finished: " + (n - finished.getCount()));
    assertTrue(pool.threads() >= n, pool.toString());
  }

  @Test
  void neverMoreThreadsThanTheMaximum() throws Exception {
    HandlerPool pool = pool(1, 3);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    for (int i = 0; i < 10; i++) {
      pool.execute(() -> {
        running.incrementAndGet();
        await(release);
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (running.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(50);
    assertEquals(3, running.get());
    assertEquals(3, pool.threads());
    release.countDown();
  }

  @Test
  void aBatchWakesNoThreadUntilItEnds() throws Exception {
    HandlerPool pool = pool(1, 4);
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(100);
    AtomicInteger ranInsideBatch = new AtomicInteger(-1);
    Thread io = new Thread(() -> {
      pool.beginBatch();
      for (int i = 0; i < 100; i++) {
        pool.execute(() -> {
          ran.incrementAndGet();
          all.countDown();
        });
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ranInsideBatch.set(ran.get());
      pool.endBatch();
    });
    io.start();
    io.join();
    // no thread was started for the batch before its end (asserted here: a failure on the io thread would be lost)
    assertEquals(0, ranInsideBatch.get());
    assertTrue(all.await(5, TimeUnit.SECONDS), "ran " + ran.get());
    assertEquals(1, pool.threads(), "one wake-up for the whole batch");
  }

  @Test
  void refusesTasksOnceShutDownAndRunsWhatWasQueued() throws Exception {
    HandlerPool pool = pool(1, 4);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch queuedRan = new CountDownLatch(1);
    pool.execute(() -> await(release));
    pool.execute(queuedRan::countDown);
    pool.shutdown();
    assertTrue(pool.isShutdown());
    assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }));
    release.countDown();
    assertTrue(queuedRan.await(5, TimeUnit.SECONDS));
    assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    assertTrue(pool.isTerminated());
    assertEquals(0, pool.threads());
  }
}
