package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.SlowConsumerLoad;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The slow consumer ({@code --scenarios=slow}, sio4j only: the reference has no policy): {@code --slow-clients}
 * sockets in one room get {@code --slow-rate} broadcasts per second for {@code --slow-seconds}
 * ({@link SlowConsumerLoad}); first with every socket reading (the baseline), then, for each policy of
 * {@code --slow-policies}, with one socket that stops reading, each run in a fresh server process started with that
 * policy. Per run: deliveries the healthy sockets missed (must be 0), their broadcast latency against the baseline's,
 * and the server's heap after a full collection, direct memory and RSS at the end, with the connections still open.
 * Written to {@code <out>/slow-<time>.md}.
 */
final class SlowConsumerRun {
  private SlowConsumerRun() {}

  static void run(Options o, Path out, String stamp, Path log) throws Exception {
    PressureReport report = new PressureReport(o);
    List<String> runs = new ArrayList<>();
    runs.add("baseline");
    runs.addAll(o.list("slow-policies"));
    List<String> failures = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    double baselineP99 = Double.NaN;
    int sockets = Math.max(2, o.integer("slow-clients"));
    double rate = Double.parseDouble(o.get("slow-rate"));
    for (String run : runs) {
      boolean stalled = !run.equals("baseline");
      Map<String, String> env = new HashMap<>(Map.of("SIO4J_BENCH_COUNT", "true"));
      if (stalled) {
        env.put("SIO4J_BENCH_SLOW_CONSUMER", run);
      }
      env.put("SIO4J_BENCH_SEND_BUFFER_BYTES", o.get("slow-send-buffer-bytes").trim());
      System.err.printf("[%s] slow: %s%n", Instant.now(), run);
      try {
        Map<String, String> memory = new HashMap<>();
        long[] rss = {0};
        SlowConsumerLoad.Result[] result = new SlowConsumerLoad.Result[1];
        Runner.withProcess(o, Runner.ServerKind.SIO4J, env, log, null, null, (server, s, measuring) ->
            result[0] = SlowConsumerLoad.run(s, new InetSocketAddress("127.0.0.1", server.port()), sockets, stalled,
                rate, o.integer("slow-payload"), Duration.ofSeconds(o.integer("slow-warmup-seconds")),
                Duration.ofSeconds(Math.max(1, o.integer("slow-seconds"))),
                Duration.ofSeconds(o.integer("openloop-drain-seconds")), o.integer("connect-in-flight"), () -> {
                  memory.putAll(server.memory());
                  rss[0] = server.probe((pid, n) -> { }).rssBytes();
                }));
        SlowConsumerLoad.Result r = result[0];
        double p99 = r.latencies().getValueAtPercentile(99);
        if (!stalled) {
          baselineP99 = p99;
        }
        System.err.printf("  missed %d, p99 %s ms, %s%n", r.missed(), PressureReport.millis(p99), memory);
        rows.add(List.of(run, r.healthy(), r.broadcasts(), r.missed(), r.healthyFailed(),
            PressureReport.millis(r.latencies().getValueAtPercentile(50)), PressureReport.millis(p99),
            stalled ? times(p99 / baselineP99) : "1×", PressureReport.millis(r.latencies().getMaxValue()),
            memory.getOrDefault("slow_consumers", "?"), memory.getOrDefault("disconnects", "?"),
            mib(memory.get("heap_after_gc")), mib(memory.get("direct")), mib(memory.get("netty_direct")),
            mib(Long.toString(rss[0]))));
      } catch (Exception e) {
        System.err.println("  failed: " + e);
        failures.add(run + ": " + e);
      }
    }
    report.text("Slow consumer (sio4j only): " + sockets + " sockets in one room; one client asks for " + o.get(
        "slow-rate") + " broadcasts per second to the room for " + o.get("slow-seconds") + " s (after "
        + o.get("slow-warmup-seconds") + " s not recorded), each carrying its sequence number and "
        + o.get("slow-payload") + " characters. `baseline`: every"
        + " socket reads; each policy: one of the sockets is a raw client that stops reading once it joined (a 4 KB"
        + " receive buffer, no pong either), in a fresh server started with `slowConsumerPolicy(<policy>)`"
        + (o.get("slow-send-buffer-bytes").isBlank() ? " and the default send buffer"
            : " and `sendBufferBytes(" + o.get("slow-send-buffer-bytes") + ")`")
        + ". Missed: deliveries the " + (sockets - 1) + " (baseline: " + sockets + ") healthy sockets did not get"
        + " within " + o.get("openloop-drain-seconds") + " s of the last broadcast (must be 0). Latency: from when"
        + " each broadcast was due to be asked for to its arrival at each healthy socket. Memory: the server's, at"
        + " the end with every connection still open: heap after a full collection, the JDK's direct buffers,"
        + " Netty's direct memory count, RSS. Disconnects: by reason, as the server saw them up to then.");

    report.header("run", "healthy sockets", "broadcasts", "missed by healthy", "healthy failed", "p50 ms", "p99 ms",
        "p99 vs baseline", "max ms", "slow consumers reported", "disconnects", "heap after GC MiB", "direct MiB",
        "Netty direct MiB", "RSS MiB");
    rows.forEach(report::row);
    failures.forEach(f -> report.text("Failed: " + f));
    report.write("sio4j slow consumer", "slow", stamp);
  }

  private static String times(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a";
  }

  private static String mib(String bytes) {
    try {
      return String.format(Locale.ROOT, "%.1f", Long.parseLong(bytes) / 1048576.0);
    } catch (NumberFormatException | NullPointerException e) {
      return "?";
    }
  }
}
