package dev.sio4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.WriteBatching;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writes from a thread inside a batch wait for its end (or a flush) to wake their event loop; others do not wait. */
class WriteBatchesTest {
  private final MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoop loop = group.next();
  private final WriteBatches batches = new WriteBatches();

  @AfterEach
  void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void aBatchWakesItsLoopAtTheEnd() throws Exception {
    idle();
    CountDownLatch ran = new CountDownLatch(3);
    WriteBatching.Batch batch = batches.begin();
    for (int i = 0; i < 3; i++) {
      batches.execute(loop, ran::countDown);
    }
    assertFalse(ran.await(200, TimeUnit.MILLISECONDS), "the loop was woken inside the batch");
    batch.end();
    assertTrue(ran.await(5, TimeUnit.SECONDS));
  }

  @Test
  void aFlushFromAnotherThreadWakesTheLoopWhileTheBatchGoesOn() throws Exception {
    idle();
    CountDownLatch ran = new CountDownLatch(1);
    WriteBatching.Batch batch = batches.begin();
    batches.execute(loop, ran::countDown);
    Thread watchdog = new Thread(batch::flush);
    watchdog.start();
    watchdog.join();
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    batch.end();
  }

  @Test
  void outsideABatchTheLoopWakesAtOnce() throws Exception {
    idle();
    CountDownLatch ran = new CountDownLatch(1);
    batches.execute(loop, ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS));
    // and a batch that ended leaves none behind on this thread
    batches.begin().end();
    CountDownLatch after = new CountDownLatch(1);
    batches.execute(loop, after::countDown);
    assertTrue(after.await(5, TimeUnit.SECONDS));
  }

  /** Lets the loop go to sleep in its selector. */
  private void idle() throws Exception {
    loop.submit(() -> { }).sync();
    Thread.sleep(50);
  }
}
