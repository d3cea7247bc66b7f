package dev.sio4j.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The leak reports seen in this test JVM. Test-only process-wide state: Netty's leak detectors are themselves
 * process-wide, so the reports they make can only be gathered here.
 */
public final class LeakReports {
  private static final List<String> REPORTS = new ArrayList<>();

  private LeakReports() {}

  static synchronized void record(String report) {
    REPORTS.add(report);
  }

  /** Returns and clears the reports recorded so far. */
  public static synchronized List<String> drain() {
    List<String> copy = new ArrayList<>(REPORTS);
    REPORTS.clear();
    return copy;
  }
}
