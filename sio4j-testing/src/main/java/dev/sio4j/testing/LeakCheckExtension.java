package dev.sio4j.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak while it ran.
 *
 * <p>Registered automatically for every test class (JUnit extension auto-detection is switched on by the parent
 * POM's Surefire configuration). Netty only notices a leak once the leaked buffer has been garbage collected and a
 * later buffer is tracked, so after the class ends this forces a few collections and allocations before it looks.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    provokeReports();
    List<String> earlier = LeakReports.drain();
    if (!earlier.isEmpty()) {
      throw new AssertionError("Netty reported " + earlier.size() + " buffer leak(s) before "
          + context.getDisplayName() + ":\n" + String.join("\n\n", earlier));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    provokeReports();
    List<String> leaks = LeakReports.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError("Netty reported " + leaks.size() + " buffer leak(s) in "
          + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
    }
  }

  private static void provokeReports() {
    for (int round = 0; round < 3; round++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (int i = 0; i < 16; i++) {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        ByteBuf heap = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
        heap.release();
      }
    }
  }
}
