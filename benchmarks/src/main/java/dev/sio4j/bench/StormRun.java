package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.ConnectStorm;
import dev.sio4j.bench.loadgen.LoadGenerator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reconnect storm ({@code --scenarios=storm}): each server of {@code --servers}, started fresh (its JIT cold),
 * meets {@code --storm-clients} WebSocket clients starting within {@code --storm-spread-ms} ({@link ConnectStorm}),
 * with connection state recovery on where the server has it (sio4j's {@code connectionStateRecovery}, Node's
 * {@code connectionStateRecovery: {}}). With {@code --storm-cds=true}, sio4j also runs on {@code --storm-cds-java}
 * without and with a dynamic class-data sharing archive written by a training storm (JDK 19+:
 * {@code -XX:+AutoCreateSharedArchive}). Written to {@code <out>/storm-<time>.md}.
 */
final class StormRun {
  /** Environment that turns connection state recovery on in the peers that have it. */
  private static final Map<String, String> RECOVERY = Map.of("SIO4J_BENCH_RECOVERY", "true", "RECOVERY", "true");

  private StormRun() {}

  static void run(Options o, Path out, String stamp, Path log) throws Exception {
    PressureReport report = new PressureReport(o);
    int n = Math.max(1, o.integer("storm-clients"));
    Map<String, List<ConnectStorm.Result>> results = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    int reps = Math.max(1, o.integer("reps"));
    boolean cds = Boolean.parseBoolean(o.get("storm-cds"));
    Path archive = out.toAbsolutePath().resolve("sio4j-storm-" + stamp + ".jsa");
    String java = o.get("storm-cds-java");
    Options plain = o.with("server-java", java);
    Options shared = plain.with("jvm-opts", o.get("jvm-opts") + " -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="
        + archive);
    if (cds) {
      // the training run: the JVM writes the archive of every class it loaded when it exits
      storm(shared, "sio4j", "sio4j training run (" + java + ")", Math.max(1, n / 10), log, new LinkedHashMap<>(),
          failures);
      if (!Files.exists(archive)) {
        failures.add("the training run wrote no archive at " + archive);
      }
    }
    for (int rep = 1; rep <= reps; rep++) {
      for (String name : o.list("servers")) {
        System.err.printf("[%s] storm rep %d/%d: %s%n", Instant.now(), rep, reps, name);
        storm(o, name, name, n, log, results, failures);
        if (cds && name.equals("sio4j")) {
          storm(plain, name, "sio4j on " + java, n, log, results, failures);
          storm(shared, name, "sio4j on " + java + " + CDS archive", n, log, results, failures);
        }
      }
    }
    report.text("Reconnect storm: a server started fresh (its JIT cold), then " + n + " WebSocket clients start their"
        + " Socket.IO connection at even intervals over " + o.get("storm-spread-ms") + " ms, with no limit on"
        + " handshakes in flight; connection state recovery on where the server has it (sio4j, node). A client not"
        + " connected " + o.get("storm-connect-timeout-seconds") + " s after it was due to start is a connect"
        + " timeout; the connected ones then stay " + o.get("storm-hold-seconds") + " s and any the server drops"
        + " is counted. Times to connect run from when each client was due to start. One row per repetition.");

    report.header("server", "connected", "connect failures", "connect timeouts", "dropped in hold",
        "time until all connected ms", "p50 connect ms", "p99 connect ms", "max connect ms");
    results.forEach((label, list) -> {
      for (ConnectStorm.Result r : list) {
        report.row(List.of(label, r.connected(), r.connectFailures(), r.connectTimeouts(), r.dropped(),
            r.allConnectedNanos() < 0 ? "never" : PressureReport.millis(r.allConnectedNanos()),
            PressureReport.millis(r.connectTimes().getValueAtPercentile(50)),
            PressureReport.millis(r.connectTimes().getValueAtPercentile(99)),
            PressureReport.millis(r.connectTimes().getMaxValue())));
      }
    });
    if (cds) {
      report.text("CDS: the archive `" + archive.getFileName() + "` was written by a training storm of "
          + Math.max(1, n / 10) + " clients against sio4j started with `-XX:+AutoCreateSharedArchive"
          + " -XX:SharedArchiveFile=...` (dumped when that JVM exited); the last row's server mapped it at start.");
    }
    failures.forEach(f -> report.text("Failed: " + f));
    report.write("sio4j reconnect storm", "storm", stamp);
  }

  private static void storm(Options o, String server, String label, int n, Path log,
      Map<String, List<ConnectStorm.Result>> results, List<String> failures) {
    Runner.ServerKind kind = Runner.ServerKind.of(server);
    try {
      long t0 = System.nanoTime();
      Runner.withServer(o, kind, RECOVERY, log, null, null, (s, measuring) -> {
        System.err.printf("  %s listening after %d ms%n", label, (System.nanoTime() - t0) / 1_000_000);
        ConnectStorm.Result r = ConnectStorm.run(s.load(), n, Duration.ofMillis(o.integer("storm-spread-ms")),
            Duration.ofSeconds(o.integer("storm-connect-timeout-seconds")),
            Duration.ofSeconds(o.integer("storm-hold-seconds")));
        System.err.printf("  %s: %d/%d connected, p99 %s ms%n", label, r.connected(), n,
            PressureReport.millis(r.connectTimes().getValueAtPercentile(99)));
        results.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
      });
    } catch (Exception e) {
      System.err.println("  failed: " + e);
      failures.add(label + ": " + e);
    }
  }
}
