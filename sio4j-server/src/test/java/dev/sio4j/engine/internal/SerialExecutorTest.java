package dev.sio4j.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One task at a time, in order per submitting thread, failures contained. */
class SerialExecutorTest {

  @Test
  void runsTasksOneAtATimeInOrder() throws Exception {
    SerialExecutor executor = new SerialExecutor();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    int threads = 4;
    int perThread = 5_000;
    List<List<Integer>> seen = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      seen.add(new ArrayList<>());
    }
    CountDownLatch done = new CountDownLatch(threads);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          int n = i;
          executor.execute(() -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            seen.get(thread).add(n);
            running.decrementAndGet();
          });
        }
        done.countDown();
      }).start();
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    // the last submitter drains what it queued before returning; wait for a final marker to run
    CountDownLatch last = new CountDownLatch(1);
    executor.execute(last::countDown);
    assertTrue(last.await(5, TimeUnit.SECONDS));
    assertEquals(1, maxRunning.get());
    for (List<Integer> list : seen) {
      assertEquals(perThread, list.size());
      for (int i = 0; i < perThread; i++) {
        assertEquals(i, list.get(i));
      }
    }
  }

  @Test
  void aFailingTaskDoesNotStopTheNext() {
    SerialExecutor executor = new SerialExecutor();
    List<String> log = new ArrayList<>();
    executor.execute(() -> {
      throw new IllegalStateException("boom (expected by the test)");
    });
    executor.execute(() -> log.add("after"));
    assertEquals(List.of("after"), log);
  }

  @Test
  void nestedTasksRunAfterTheCurrentOne() {
    SerialExecutor executor = new SerialExecutor();
    List<String> log = new ArrayList<>();
    executor.execute(() -> {
      executor.execute(() -> log.add("inner"));
      log.add("outer");
    });
    assertEquals(List.of("outer", "inner"), log);
  }
}
