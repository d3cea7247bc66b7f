package dev.sio4j.bench.loadgen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time from {@code /proc/<pid>/stat} (fields 14 and 15, utime and stime, in clock ticks of
 * the process and all its threads, also the ones that ended) and its resident memory from
 * {@code /proc/<pid>/status} ({@code VmRSS}). Linux only.
 */
public final class ProcProbe implements ServerProbe {
  /** Clock ticks per second of {@code /proc} times; 100 on every Linux this runs on (getconf CLK_TCK). */
  private static final long TICKS_PER_SECOND = 100;

  /** A full collection in the probed process, triggered however that process allows. */
  @FunctionalInterface
  public interface Collector {
    void gc() throws Exception;
  }

  /** The probed process's own account of its memory, after a full collection (null: it cannot tell). */
  @FunctionalInterface
  public interface MemoryReader {
    Memory read() throws Exception;
  }

  /** What to do while the connect scenario's connections are open. */
  @FunctionalInterface
  public interface ConnectedHook {
    void run(long pid, int connections) throws Exception;
  }

  private final long pid;
  private final Collector collector;
  private final ConnectedHook hook;
  private final MemoryReader memory;

  public ProcProbe(long pid, Collector collector) {
    this(pid, collector, (p, n) -> { }, null);
  }

  /** @param memory the process's own account of its memory, or null when it has none (then only RSS is known) */
  public ProcProbe(long pid, Collector collector, ConnectedHook hook, MemoryReader memory) {
    this.pid = pid;
    this.collector = collector;
    this.hook = hook;
    this.memory = memory;
  }

  @Override
  public Memory memory() throws Exception {
    return memory == null ? ServerProbe.super.memory() : memory.read();
  }

  @Override
  public void whileConnected(int connections) throws Exception {
    hook.run(pid, connections);
  }

  @Override
  public long cpuNanos() {
    String stat = read("stat");
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return ticks * (1_000_000_000L / TICKS_PER_SECOND);
  }

  @Override
  public long rssBytes() {
    for (String line : read("status").split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }

  @Override
  public void gc() throws Exception {
    collector.gc();
  }

  private String read(String file) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
