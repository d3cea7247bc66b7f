package dev.sio4j.interop.client;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What listeners received, awaited by the test thread with a timeout. */
final class Inbox<T> {
  private final BlockingQueue<T> queue = new LinkedBlockingQueue<>();

  void add(T value) {
    queue.add(value);
  }

  T await(Duration timeout) throws InterruptedException {
    T value = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (value == null) {
      throw new AssertionError("nothing received within " + timeout);
    }
    return value;
  }

  T await() throws InterruptedException {
    return await(Duration.ofSeconds(10));
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }
}
