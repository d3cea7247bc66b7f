package dev.sio4j.testing;

import io.netty.util.ResourceLeakDetector;

/**
 * A {@link ResourceLeakDetector} that records every leak report in {@link LeakReports} in addition to logging it, so
 * that {@link LeakCheckExtension} can fail the test class that leaked.
 *
 * <p>Installed for every test JVM by the system property
 * {@code io.netty.customResourceLeakDetector=dev.sio4j.testing.RecordingLeakDetector} (see the parent POM).
 *
 * @param <T> the tracked resource type
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

  /** Constructor looked up reflectively by Netty's default leak detector factory. */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
  }

  /** Constructor looked up reflectively by Netty's default leak detector factory. */
  public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
    super(resourceType, samplingInterval);
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    LeakReports.record("LEAK: " + resourceType + " was released without release()" + records);
    super.reportTracedLeak(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    LeakReports.record("LEAK: " + resourceType + " was released without release() (untraced)");
    super.reportUntracedLeak(resourceType);
  }
}
