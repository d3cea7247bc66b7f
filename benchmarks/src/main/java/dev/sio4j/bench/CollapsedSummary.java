package dev.sio4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summarises async-profiler's collapsed stacks ({@code --profile=async}, recorded with {@code threads}): the share of
 * each thread group (thread names without their numbers); then, over the threads that serve (the JIT compilers and the
 * main thread left out), the share spent in the kernel, where the time goes (the innermost Java frame of each sample,
 * so a system call counts for the Java method that made it), and the sio4j methods it goes under.
 *
 * <p>{@code java -cp <benchmarks classpath> dev.sio4j.bench.CollapsedSummary file.collapsed [top]}
 */
public final class CollapsedSummary {
  private CollapsedSummary() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Map<String, Long> threads = new LinkedHashMap<>();
    Map<String, Long> innermost = new LinkedHashMap<>();
    Map<String, Long> ours = new LinkedHashMap<>();
    long all = 0;
    long serving = 0;
    long kernel = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        int space = line.lastIndexOf(' ');
        if (space < 0) {
          continue;
        }
        long n = Long.parseLong(line.substring(space + 1));
        String[] frames = line.substring(0, space).split(";");
        String thread = frames[0].replaceAll(" ?tid=\\d+", "").replaceAll("([-#]\\d+)+]$", "]");
        threads.merge(thread, n, Long::sum);
        all += n;
        if (thread.contains("CompilerThre") || thread.startsWith("[main")) {
          continue;
        }
        serving += n;
        if (frames[frames.length - 1].endsWith("_[k]")) {
          kernel += n;
        }
        String java = null;
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < frames.length; i++) {
          String f = frames[i];
          if (f.contains("/") && !f.endsWith("_[k]")) {
            java = f;
          }
          if (f.startsWith("dev/sio4j/") && seen.add(f)) {
            ours.merge(f, n, Long::sum);
          }
        }
        innermost.merge(java == null ? frames[frames.length - 1] : java, n, Long::sum);
      }
    }
    System.out.printf("%s: %,d samples%n%nthreads (all samples):%n", file.getFileName(), all);
    print(threads, all, top);
    System.out.printf("%nserving threads (no JIT compiler, no main): %,d samples, %.1f %% of them in the kernel%n",
        serving, 100.0 * kernel / Math.max(1, serving));
    System.out.println("\ninnermost Java frame (a system call counts for its caller):");
    print(innermost, serving, top);
    System.out.println("\nsio4j methods on the stack (inclusive):");
    print(ours, serving, top);
  }

  private static void print(Map<String, Long> counts, long total, int top) {
    List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
    for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(top, sorted.size()))) {
      System.out.printf("  %5.1f %%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey());
    }
  }
}
