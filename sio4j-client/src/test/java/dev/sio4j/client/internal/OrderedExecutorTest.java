package dev.sio4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A manager's lane on a shared pool: in order, never two tasks at once, and a shutdown that lets queued tasks run. */
class OrderedExecutorTest {

  @Test
  void lanesOnOnePoolEachRunInOrderOneTaskAtATime() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      int lanes = 8;
      int perLane = 2_000;
      List<OrderedExecutor> executors = new ArrayList<>();
      List<List<Integer>> seen = new ArrayList<>();
      List<AtomicInteger> running = new ArrayList<>();
      AtomicBoolean overlap = new AtomicBoolean();
      for (int l = 0; l < lanes; l++) {
        executors.add(new OrderedExecutor(pool, "test task"));
        seen.add(Collections.synchronizedList(new ArrayList<>()));
        running.add(new AtomicInteger());
      }
      CountDownLatch done = new CountDownLatch(lanes);
      for (int l = 0; l < lanes; l++) {
        int lane = l;
        new Thread(() -> {
          for (int i = 0; i < perLane; i++) {
            int n = i;
            executors.get(lane).execute(() -> {
              if (running.get(lane).incrementAndGet() != 1 || !executors.get(lane).inLane()) {
                overlap.set(true);
              }
              seen.get(lane).add(n);
              running.get(lane).decrementAndGet();
            });
          }
          done.countDown();
        }).start();
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
      for (OrderedExecutor e : executors) {
        e.shutdown();
        assertTrue(e.awaitDrained(10_000));
        assertFalse(e.inLane());
      }
      assertFalse(overlap.get(), "two tasks of one lane ran at once, or inLane() was wrong");
      for (List<Integer> list : seen) {
        assertEquals(perLane, list.size());
        for (int i = 0; i < perLane; i++) {
          assertEquals(i, list.get(i));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheNext() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      OrderedExecutor lane = new OrderedExecutor(pool, "test task");
      CountDownLatch after = new CountDownLatch(1);
      lane.execute(() -> {
        throw new IllegalStateException("boom (expected by the test)");
      });
      lane.execute(after::countDown);
      assertTrue(after.await(5, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shutdownRefusesNewTasksAndLetsQueuedOnesRun() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      OrderedExecutor lane = new OrderedExecutor(pool, "test task");
      CountDownLatch release = new CountDownLatch(1);
      List<String> log = Collections.synchronizedList(new ArrayList<>());
      lane.execute(() -> {
        try {
          release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        log.add("first");
      });
      lane.execute(() -> log.add("queued"));
      lane.shutdown();
      assertThrows(RejectedExecutionException.class, () -> lane.execute(() -> log.add("late")));
      assertFalse(lane.awaitDrained(50), "a task is still running");
      release.countDown();
      assertTrue(lane.awaitDrained(5_000));
      assertEquals(List.of("first", "queued"), log);
    } finally {
      pool.shutdownNow();
    }
  }
}
