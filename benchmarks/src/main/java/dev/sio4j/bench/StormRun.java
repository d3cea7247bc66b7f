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
    Map<String, List<Row>> results = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    int reps = Math.max(1, o.integer("reps"));
    List<String> archives = o.list("storm-archives");
    String java = o.get("storm-archive-java");
    String jdk = Path.of(java).toAbsolutePath().getParent().getParent().getFileName().toString();
    Options plain = o.with("server-java", java).with("server-classpath", jarsOnly(System.getProperty(
        "java.class.path")));
    // archive kind -> the options of the servers that use it, written by a training storm first
    Map<String, Options> trained = new LinkedHashMap<>();
    for (String kind : archives) {
      Path file = out.toAbsolutePath().resolve("sio4j-storm-" + stamp + (kind.equals("aot") ? ".aot" : ".jsa"));
      String[] flags = switch (kind) {
        // JDK 19+: the JVM writes the archive of the classes it loaded when it exits, and maps it when it exists
        case "cds" -> new String[] {"-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=" + file,
            "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=" + file};
        // JDK 25 (JEP 514, 515): classes loaded and linked, and method profiles, cached at the training run's exit
        case "aot" -> new String[] {"-XX:AOTCacheOutput=" + file, "-XX:AOTCache=" + file};
        default -> throw new IllegalArgumentException("--storm-archives holds cds or aot: " + kind);
      };
      storm(plain.with("jvm-opts", o.get("jvm-opts") + " " + flags[0]), "sio4j", "sio4j " + kind + " training run",
          Math.max(1, n / 10), log, new LinkedHashMap<>(), failures);
      if (!Files.exists(file)) {
        failures.add("the " + kind + " training run wrote nothing at " + file);
      }
      trained.put(kind, plain.with("jvm-opts", o.get("jvm-opts") + " " + flags[1]));
    }
    for (int rep = 1; rep <= reps; rep++) {
      for (String name : o.list("servers")) {
        System.err.printf("[%s] storm rep %d/%d: %s%n", Instant.now(), rep, reps, name);
        storm(o, name, name, n, log, results, failures);
        if (!archives.isEmpty() && name.equals("sio4j")) {
          storm(plain, name, "sio4j on " + jdk, n, log, results, failures);
          trained.forEach((kind, options) -> storm(options, name, "sio4j on " + jdk + " + "
              + (kind.equals("aot") ? "AOT cache" : "CDS archive"), n, log, results, failures));
        }
      }
    }
    report.text("Reconnect storm: a server started fresh (its JIT cold), then " + n + " WebSocket clients start their"
        + " Socket.IO connection at even intervals over " + o.get("storm-spread-ms") + " ms, with no limit on"
        + " handshakes in flight; connection state recovery on where the server has it (sio4j, node). A client not"
        + " connected " + o.get("storm-connect-timeout-seconds") + " s after it was due to start is a connect"
        + " timeout; the connected ones then stay " + o.get("storm-hold-seconds") + " s and any the server drops"
        + " is counted. Times to connect run from when each client was due to start; started in: from starting the"
        + " server's process to its listening. One row per repetition.");

    report.header("server", "started in ms", "connected", "connect failures", "connect timeouts", "dropped in hold",
        "time until all connected ms", "p50 connect ms", "p99 connect ms", "max connect ms");
    results.forEach((label, list) -> {
      for (Row row : list) {
        ConnectStorm.Result r = row.result;
        report.row(List.of(label, row.startedMillis, r.connected(), r.connectFailures(), r.connectTimeouts(), r.dropped(),
            r.allConnectedNanos() < 0 ? "never" : PressureReport.millis(r.allConnectedNanos()),
            PressureReport.millis(r.connectTimes().getValueAtPercentile(50)),
            PressureReport.millis(r.connectTimes().getValueAtPercentile(99)),
            PressureReport.millis(r.connectTimes().getMaxValue())));
      }
    });
    if (!archives.isEmpty()) {
      report.text("Archives: each written by a training storm of " + Math.max(1, n / 10) + " clients against sio4j"
          + " on " + java + " (when that JVM exited), then used by a fresh server of the same JDK and classpath (jars"
          + " only): CDS `-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=<file>` (JDK 19+), AOT cache"
          + " `-XX:AOTCacheOutput=<file>` to train, `-XX:AOTCache=<file>` to use (JDK 25). `sio4j on " + jdk + "` is"
          + " the same JDK and classpath without an archive.");
    }
    failures.forEach(f -> report.text("Failed: " + f));
    report.write("sio4j reconnect storm", "storm", stamp);
  }

  /** One storm, and how long its server took from its start to listening. */
  private record Row(ConnectStorm.Result result, long startedMillis) {}

  /**
   * The classpath with each {@code target/classes} folder replaced by the jar next to it: class-data sharing archives
   * classes from jars only (a JVM with a non-empty folder on its classpath writes no archive).
   */
  static String jarsOnly(String classpath) throws java.io.IOException {
    List<String> entries = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
        try (var jars = Files.list(p.getParent())) {
          entry = jars.filter(j -> j.toString().endsWith(".jar") && !j.toString().endsWith("-sources.jar"))
              .map(Path::toString).findFirst()
              .orElseThrow(() -> new IllegalStateException("no jar next to " + p + ": run.sh builds one"));
        }
      }
      entries.add(entry);
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void storm(Options o, String server, String label, int n, Path log,
      Map<String, List<Row>> results, List<String> failures) {
    Runner.ServerKind kind = Runner.ServerKind.of(server);
    try {
      long t0 = System.nanoTime();
      Runner.withServer(o, kind, RECOVERY, log, null, null, (s, measuring) -> {
        long started = (System.nanoTime() - t0) / 1_000_000;
        System.err.printf("  %s listening after %d ms%n", label, started);
        ConnectStorm.Result r = ConnectStorm.run(s.load(), n, Duration.ofMillis(o.integer("storm-spread-ms")),
            Duration.ofSeconds(o.integer("storm-connect-timeout-seconds")),
            Duration.ofSeconds(o.integer("storm-hold-seconds")));
        System.err.printf("  %s: %d/%d connected, p99 %s ms%n", label, r.connected(), n,
            PressureReport.millis(r.connectTimes().getValueAtPercentile(99)));
        results.computeIfAbsent(label, k -> new ArrayList<>()).add(new Row(r, started));
      });
    } catch (Exception e) {
      System.err.println("  failed: " + e);
      failures.add(label + ": " + e);
    }
  }
}
