package dev.sio4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Managers share a client's threads; a cancelled timer never runs; the last manager released ends the threads. */
class ClientThreadPoolsTest {

  @Test
  void manyManagersShareAFewThreadsAndTheLastOneEndsThem() throws Exception {
    String prefix = "pools-test-share";
    ClientThreadPools pools = new ClientThreadPools();
    List<ClientThreads> managers = new ArrayList<>();
    CountDownLatch ran = new CountDownLatch(200);
    for (int i = 0; i < 100; i++) {
      ClientThreads t = pools.acquire(prefix);
      managers.add(t);
      t.execute(ran::countDown);
      t.dispatch(ran::countDown);
    }
    assertTrue(ran.await(10, TimeUnit.SECONDS));
    assertTrue(countThreads(prefix + "-io-") <= ClientThreadPools.LOOP_THREADS);
    for (ClientThreads t : managers) {
      t.shutdown();
    }
    assertEquals(0, countThreads(prefix), "no thread left once every manager gave the pools back");
  }

  @Test
  void aTimerCancelledOnTheLoopDoesNotRunEvenOnceDue() throws Exception {
    ClientThreadPools pools = new ClientThreadPools();
    ClientThreads threads = pools.acquire("pools-test-timer");
    try {
      AtomicBoolean fired = new AtomicBoolean();
      CountDownLatch checked = new CountDownLatch(1);
      threads.execute(() -> {
        ScheduledFuture<?> timer = threads.schedule(() -> fired.set(true), 1);
        // Let the delay pass while the loop is busy: the timer is due, and handed to the loop behind this task.
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        timer.cancel(false);
      });
      threads.execute(() -> threads.schedule(checked::countDown, 20));
      assertTrue(checked.await(5, TimeUnit.SECONDS));
      assertFalse(fired.get(), "a timer cancelled on the loop ran");
    } finally {
      threads.shutdown();
    }
  }

  @Test
  void listenersOfOneManagerRunInOrderAndSeparatelyFromItsLoop() throws Exception {
    ClientThreadPools pools = new ClientThreadPools();
    ClientThreads threads = pools.acquire("pools-test-order");
    try {
      List<Integer> seen = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      AtomicBoolean onLoop = new AtomicBoolean();
      for (int i = 0; i < 1_000; i++) {
        int n = i;
        threads.dispatch(() -> {
          seen.add(n); // one listener at a time: no lock needed
          onLoop.compareAndSet(false, threads.inLoop());
        });
      }
      threads.dispatch(done::countDown);
      assertTrue(done.await(5, TimeUnit.SECONDS));
      assertFalse(onLoop.get());
      for (int i = 0; i < 1_000; i++) {
        assertEquals(i, seen.get(i));
      }
    } finally {
      threads.shutdown();
    }
  }

  private static int countThreads(String prefix) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
  }
}
