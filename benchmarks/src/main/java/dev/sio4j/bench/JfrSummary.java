package dev.sio4j.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the method samples ({@code jdk.ExecutionSample}, and {@code jdk.NativeMethodSample} marked
 * {@code [native]}: a thread in a system call such as a socket write or {@code epoll_wait}) of a JFR recording: the top leaf frames (where the time
 * is spent), and the top sio4j frames anywhere on the stack (which of our methods the time is spent under).
 *
 * <p>{@code java -cp <benchmarks classpath> dev.sio4j.bench.JfrSummary recording.jfr [top]}
 */
public final class JfrSummary {
  /** Native frames where a thread waits rather than works: left out of the busy samples. */
  private static final java.util.Set<String> IDLE = java.util.Set.of(
      "io.netty.channel.epoll.Native.epollWait0", "io.netty.channel.epoll.Native.epollWait",
      "io.netty.channel.epoll.Native.epollBusyWait0", "java.io.FileInputStream.readBytes",
      "sun.nio.ch.EPoll.wait", "jdk.internal.misc.Unsafe.park", "java.lang.Object.wait", "java.lang.Thread.sleep");

  private JfrSummary() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    Map<String, Integer> leaves = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    int samples = 0;
    int idle = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String type = e.getEventType().getName();
      boolean nativeSample = type.equals("jdk.NativeMethodSample");
      if (!type.equals("jdk.ExecutionSample") && !nativeSample) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = stack.getFrames();
      if (nativeSample && IDLE.contains(name(frames.get(0)))) {
        idle++;
        continue; // a thread waiting in the kernel, not using the CPU
      }
      samples++;
      leaves.merge((nativeSample ? "[native] " : "") + name(frames.get(0)), 1, Integer::sum);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (n.startsWith("dev.sio4j.") && seen.add(n)) {
          ours.merge(n, 1, Integer::sum);
        }
      }
      String thread = e.getThread("sampledThread") != null ? e.getThread("sampledThread").getJavaName() : "?";
      threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
    }
    System.out.println(samples + " busy samples (Java, and native outside waits) in " + file + "; " + idle
        + " samples of threads waiting (" + String.join(", ", IDLE) + ") left out");
    print("threads", threads, samples, top);
    print("top leaf frames (self time)", leaves, samples, top);
    print("sio4j frames on the stack (total time)", ours, samples, top);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.println("\n" + title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(en -> System.out.printf("  %5.1f%%  %s%n", 100.0 * en.getValue() / samples, en.getKey()));
  }
}
