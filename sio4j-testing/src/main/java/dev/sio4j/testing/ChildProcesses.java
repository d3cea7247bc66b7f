package dev.sio4j.testing;

import java.util.concurrent.TimeUnit;

/** Stopping the peers a test started as child processes (redis-server, nginx). Stateless. */
public final class ChildProcesses {
  private ChildProcesses() {}

  /** Asks {@code process} to end (SIGTERM), kills it when it has not within 5 s, and waits for it at most 5 s more. */
  public static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
