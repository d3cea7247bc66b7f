package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.Metric;
import dev.sio4j.bench.loadgen.OpenLoopEcho;
import dev.sio4j.bench.loadgen.OpenLoopSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.HdrHistogram.Histogram;

/**
 * The open-loop echo ({@code --scenarios=openloop}): every server of {@code --servers}, fresh per repetition, gets
 * acknowledged {@code echo} events at each fixed rate ({@link OpenLoopEcho}), after a closed-loop echo warm-up. The
 * rates are {@code --rates}, or {@code --rate-fractions} of Node's closed-loop echo maximum, measured first in the
 * same run. The histograms of the repetitions are added up; the report gives p50, p99, p99.9 and max per server and
 * rate, written to {@code <out>/openloop-<time>.md}.
 */
final class OpenLoopRun {
  private OpenLoopRun() {}

  static void run(Options o, Path out, String stamp, Path log) throws Exception {
    PressureReport report = new PressureReport(o);
    List<String> failures = new ArrayList<>();
    double nodeMax = Double.NaN;
    List<Double> rates = new ArrayList<>();
    for (String r : o.list("rates")) {
      rates.add(Double.parseDouble(r));
    }
    if (rates.isEmpty()) {
      nodeMax = nodeClosedLoopMax(o, log, failures);
      if (!Double.isFinite(nodeMax)) {
        throw new IllegalStateException("could not measure Node's closed-loop echo maximum: " + failures);
      }
      for (String f : o.list("rate-fractions")) {
        rates.add((double) Math.round(Double.parseDouble(f) * nodeMax));
      }
    }
    Duration warmup = Duration.ofSeconds(o.integer("openloop-warmup-seconds"));
    Duration measured = Duration.ofSeconds(Math.max(1, o.integer("openloop-seconds")));
    Duration drain = Duration.ofSeconds(o.integer("openloop-drain-seconds"));
    int clients = Math.max(1, o.integer("openloop-clients"));
    // server -> rate -> (histogram, sent, answered, failed clients)
    Map<String, Map<Double, Cell>> cells = new LinkedHashMap<>();
    int reps = Math.max(1, o.integer("reps"));
    for (int rep = 1; rep <= reps; rep++) {
      for (String name : o.list("servers")) {
        Runner.ServerKind kind = Runner.ServerKind.of(name);
        System.err.printf("[%s] openloop rep %d/%d: %s%n", Instant.now(), rep, reps, name);
        try {
          Runner.withServer(o, kind, Map.of(), log, null, null, (s, measuring) -> {
            Runner.Step warm = Runner.steps(o, kind, s, o.decimal("warmup")).get("echo");
            if (warm != null) {
              Runner.run(warm, name + " echo (warm-up)", failures);
            }
            for (double rate : rates) {
              OpenLoopEcho.Result r = OpenLoopEcho.run(s, clients, rate, warmup, measured, drain,
                  o.integer("connect-in-flight"));
              System.err.printf("  %.0f/s: sent %d, unanswered %d, p99 %s ms%n", rate, r.sent(), r.unanswered(),
                  PressureReport.millis(r.latencies().getValueAtPercentile(99)));
              cells.computeIfAbsent(name, k -> new LinkedHashMap<>()).computeIfAbsent(rate, k -> new Cell()).add(r);
            }
          });
        } catch (Exception e) {
          System.err.println("  failed: " + e);
          failures.add(name + ": " + e);
        }
      }
    }
    report.text("Open-loop echo: " + clients + " WebSocket clients send acknowledged `echo` events on fixed timelines"
        + " (staggered, together the rate below), whatever the server answers; each latency is taken from when"
        + " its event was due, not from when it left (no coordinated omission). Per rate: " + warmup.toSeconds()
        + " s sent but not recorded, then " + measured.toSeconds() + " s recorded; events unanswered "
        + drain.toSeconds() + " s after the last one was due count as unanswered, at the latency they had reached."
        + " Histograms (HdrHistogram, 3 significant digits) of " + reps + " repetition(s) added up; each repetition"
        + " starts the server afresh and warms it up with the closed-loop echo.");
    if (Double.isFinite(nodeMax)) {
      report.text(String.format(java.util.Locale.ROOT, "Node's closed-loop echo maximum, measured first: %s acks/s"
          + " (%s clients, %s outstanding each); rates are %s of it.", Report.format(nodeMax),
          o.get("echo-clients"), o.get("echo-window"), o.get("rate-fractions")));
    }

    report.header("rate (events/s)", "server", "sent", "unanswered", "failed clients", "p50 ms", "p99 ms",
        "p99.9 ms", "max ms");
    for (double rate : new TreeSet<>(rates)) {
      for (String name : o.list("servers")) {
        Cell c = cells.getOrDefault(name, Map.of()).get(rate);
        if (c == null) {
          report.row(List.of(Report.format(rate), name, "n/a", "", "", "", "", "", ""));
          continue;
        }
        Histogram h = c.latencies;
        report.row(List.of(Report.format(rate), name, c.sent, c.sent - c.answered, c.failedClients,
            PressureReport.millis(h.getValueAtPercentile(50)), PressureReport.millis(h.getValueAtPercentile(99)),
            PressureReport.millis(h.getValueAtPercentile(99.9)), PressureReport.millis(h.getMaxValue())));
      }
    }
    // the same p99s side by side, a row per rate
    List<String> servers = o.list("servers");
    List<String> columns = new ArrayList<>(List.of("rate (events/s)"));
    servers.forEach(s -> columns.add(s + " p99 ms"));
    report.text("p99 by rate:");
    report.header(columns.toArray(String[]::new));
    for (double rate : new TreeSet<>(rates)) {
      List<Object> row = new ArrayList<>(List.of(Report.format(rate)));
      for (String name : servers) {
        Cell c = cells.getOrDefault(name, Map.of()).get(rate);
        row.add(c == null ? "n/a" : PressureReport.millis(c.latencies.getValueAtPercentile(99)));
      }
      report.row(row);
    }
    failures.forEach(f -> report.text("Failed: " + f));
    report.write("sio4j open-loop echo latency", "openloop", stamp);
  }

  /** Node's closed-loop echo rate: the matrix's echo scenario, warmed up, against a fresh Node peer. */
  private static double nodeClosedLoopMax(Options o, Path log, List<String> failures) throws Exception {
    double[] max = {Double.NaN};
    System.err.printf("[%s] openloop: Node's closed-loop echo maximum%n", Instant.now());
    Runner.withServer(o, Runner.ServerKind.NODE, Map.of(), log, null, null, (s, measuring) -> {
      Map<String, Runner.Step> warm = Runner.steps(o, Runner.ServerKind.NODE, s, o.decimal("warmup"));
      if (warm.containsKey("echo")) {
        Runner.run(warm.get("echo"), "node echo (warm-up)", failures);
      }
      Map<String, Double> r = Runner.run(Runner.steps(o, Runner.ServerKind.NODE, s, 1.0).get("echo"), "node echo",
          failures);
      max[0] = r.getOrDefault(Metric.ECHO_RATE, Double.NaN);
    });
    System.err.println("  " + Report.format(max[0]) + " acks/s");
    return max[0];
  }

  /** One server at one rate, over the repetitions. */
  private static final class Cell {
    final Histogram latencies = OpenLoopSchedule.histogram();
    long sent;
    long answered;
    int failedClients;

    void add(OpenLoopEcho.Result r) {
      latencies.add(r.latencies());
      sent += r.sent();
      answered += r.answered();
      failedClients += r.failedClients();
    }
  }
}
