package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.Dialect;
import dev.sio4j.bench.loadgen.LoadGenerator;
import dev.sio4j.bench.loadgen.Metric;
import dev.sio4j.bench.loadgen.ProcProbe;
import dev.sio4j.bench.loadgen.Scenarios;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark matrix: for each repetition, each server in turn runs every scenario by the load generator in this
 * JVM, each scenario in a process started for it ({@code --fresh=scenario}: connect measured cold, then warm; the others
 * warmed up the same way for every server right before they are measured), or all of them in one process
 * ({@code --fresh=server}, the RSS per connection then from a second, fresh process). Prints and writes the
 * table of medians (see {@link Report}). Usually started by {@code benchmarks/run.sh}, which builds everything and
 * pins this process and the servers to separate cores. The scenarios under pressure ({@code openloop}, {@code storm},
 * {@code slow}) run after the matrix, each by its own class ({@link OpenLoopRun}, {@link StormRun},
 * {@link SlowConsumerRun}) into its own report.
 */
public final class Runner {
  /** The figures taken from the memory process. */
  private static final Set<String> MEMORY = Set.of(Metric.MEM_PER_CONN, Metric.MEM_PER_CONN_GC, Metric.MEM_HEAP,
      Metric.MEM_DIRECT, Metric.MEM_OTHER);

  private Runner() {}

  public static void main(String[] args) throws Exception {
    Options given = Options.parse(args);
    // the scenarios under pressure run apart, each with its own report; the rest is the matrix
    List<String> matrix = new ArrayList<>(given.list("scenarios"));
    List<String> pressure = new ArrayList<>();
    for (String name : List.of("openloop", "storm", "slow")) {
      if (matrix.remove(name)) {
        pressure.add(name);
      }
    }
    Options o = given.with("scenarios", String.join(",", matrix));
    if (o.integer("timeout") < 1 || o.integer("reps") < 1) {
      throw new IllegalArgumentException("--timeout and --reps must be at least 1");
    }
    Report report = new Report(o);
    Path out = o.path("out");
    Files.createDirectories(out);
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    Path log = out.resolve("servers-" + stamp + ".log");
    if (!matrix.isEmpty()) {
      runMatrix(o, report, out, stamp, log);
    }
    for (String name : pressure) {
      try {
        switch (name) {
          case "openloop" -> OpenLoopRun.run(given, out, stamp, log);
          case "storm" -> StormRun.run(given, out, stamp, log);
          default -> SlowConsumerRun.run(given, out, stamp, log);
        }
      } catch (Exception e) {
        // one scenario that cannot run (no Node for the rates, say) leaves the others their turn
        System.err.println(name + " failed: " + e);
      }
    }
  }

  private static void runMatrix(Options o, Report report, Path out, String stamp, Path log) throws Exception {
    report.machineBefore();
    int reps = Math.max(1, o.integer("reps"));
    for (int rep = 1; rep <= reps; rep++) {
      for (String name : o.list("servers")) {
        ServerKind kind = ServerKind.of(name);
        System.err.printf("[%s] rep %d/%d: %s%n", Instant.now(), rep, reps, name);
        try {
          Path jfr = kind.sio4j() ? profileFile(o, out, name + "-" + stamp + "-" + rep) : null;
          Path histogram = kind != ServerKind.NODE && Boolean.parseBoolean(o.get("histogram"))
              ? out.toAbsolutePath().resolve(name + "-" + stamp + "-" + rep + ".histo.txt") : null;
          List<String> failures = new ArrayList<>();
          Map<String, Double> figures = runServer(o, kind, log, jfr, histogram, failures);
          figures.forEach((metric, value) -> report.add(name, metric, value));
          int r = rep;
          failures.forEach(why -> report.fail(name, "rep " + r + ", " + why));
          System.err.println("  " + figures);
        } catch (Exception e) {
          System.err.println("  failed: " + e);
          report.fail(name, e.toString());
        }
      }
    }
    report.machineAfter();
    String table = report.render();
    System.out.println(table);
    Path file = out.resolve("results-" + stamp + ".md");
    Files.writeString(file, table);
    Files.writeString(out.resolve("latest.md"), table);
    System.err.println("written to " + file + " (server logs: " + log + ")");
  }

  /**
   * Where a sio4j server's profile goes ({@code --profile}): a JFR recording ({@code .jfr}), or async-profiler's
   * collapsed stacks ({@code .collapsed}); null when not profiling.
   */
  private static Path profileFile(Options o, Path out, String suffix) {
    String profile = o.get("profile");
    Path dir = out.toAbsolutePath();
    return switch (profile) {
      case "false" -> null;
      case "true", "jfr" -> dir.resolve(suffix + ".jfr");
      case "async" -> dir.resolve(suffix + ".collapsed");
      default -> throw new IllegalArgumentException("--profile is false, jfr or async: " + profile);
    };
  }

  /**
   * One repetition of one server: with {@code --fresh=scenario}, each scenario in a process of its own; with
   * {@code --fresh=server}, the throughput scenarios in one process and, when connect is selected, the memory figures
   * in a second one.
   */
  private static Map<String, Double> runServer(Options o, ServerKind kind, Path log, Path jfr, Path histogram,
      List<String> failures) throws Exception {
    Files.writeString(log, "=== " + kind.id + " " + Instant.now() + "\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    Map<String, Double> figures = new LinkedHashMap<>();
    List<String> names = o.list("scenarios");
    String fresh = o.get("fresh");
    if (fresh.equals("scenario")) {
      // the scenarios this server runs (the steps are not run here, so they need no load generator yet)
      List<String> runs = new ArrayList<>(names);
      runs.retainAll(steps(o, kind, null, 1.0).keySet());
      for (String name : runs) {
        Path profile = jfr == null ? null : jfr.resolveSibling(name + "-" + jfr.getFileName());
        withProcess(o, kind, Map.of(), log, profile, name.equals("connect") ? histogram : null,
            (server, s, measuring) -> {
              if (name.equals("connect")) {
                figures.putAll(coldAndWarmConnect(steps(o, kind, s, 1.0).get(name), failures, measuring));
              } else {
                figures.putAll(warmAndMeasure(o, kind, s, name, failures));
                if (name.equals("echo")) {
                  figures.putAll(checkClient(o, kind, server, failures));
                }
              }
            });
      }
      return figures;
    }
    if (!fresh.equals("server")) {
      throw new IllegalArgumentException("--fresh is scenario or server: " + fresh);
    }
    // Each scenario is warmed up at its full size right before it is measured: every JIT is warm when measuring.
    withProcess(o, kind, Map.of(), log, jfr, null, (server, s, measuring) -> {
      for (String name : names) {
        Map<String, Double> r = warmAndMeasure(o, kind, s, name, failures);
        r.keySet().removeAll(MEMORY);
        figures.putAll(r);
        if (name.equals("echo")) {
          figures.putAll(checkClient(o, kind, server, failures));
        }
      }
    });
    double memoryWarmup = o.decimal("memory-warmup");
    if (names.contains("connect") && memoryWarmup >= 0) {
      // RSS per connection in a process that never held as many connections: after a small warm-up of every
      // scenario (the JIT compiles the connection path, the young generation has been used once), connect again
      withServer(o, kind, log, null, histogram, (s, measuring) -> {
        if (memoryWarmup > 0) {
          Map<String, Step> warmUps = steps(o, kind, s, memoryWarmup);
          for (String name : names) {
            if (warmUps.containsKey(name)) {
              run(warmUps.get(name), name + " (memory warm-up)", failures);
            }
          }
        }
        measuring[0] = true;
        Map<String, Double> r = run(steps(o, kind, s, 1.0).get("connect"), "connect (memory)", failures);
        r.keySet().retainAll(MEMORY);
        figures.putAll(r);
      });
    }
    return figures;
  }

  /**
   * A scenario warmed up {@code --warmup-runs} times at {@code --warmup} of its size (each run with clients of its
   * own), then measured; none if this server does not run it.
   */
  private static Map<String, Double> warmAndMeasure(Options o, ServerKind kind, Scenarios s, String name,
      List<String> failures) {
    Map<String, Step> measured = steps(o, kind, s, 1.0);
    if (!measured.containsKey(name)) {
      return new LinkedHashMap<>();
    }
    Step warmUp = steps(o, kind, s, o.decimal("warmup")).get(name);
    for (int i = 0; warmUp != null && i < o.integer("warmup-runs"); i++) {
      // printed, not reported: how far each warm-up run got shows how far the JIT had come
      System.out.println("  warm-up " + (i + 1) + ": " + run(warmUp, name + " (warm-up)", failures));
    }
    return run(measured.get(name), name, failures);
  }

  /**
   * Connect in a process that has just started: the first wave meets a cold JIT and an ungrown heap (its rate, its
   * p99, and the memory the process that holds the connections needs for them); then those clients leave and a
   * second wave of the same size connects to the now warm process (the {@code connect} rows).
   */
  private static Map<String, Double> coldAndWarmConnect(Step connect, List<String> failures, boolean[] measuring) {
    measuring[0] = true;
    Map<String, Double> cold = run(connect, "connect (cold)", failures);
    measuring[0] = false;
    Map<String, Double> figures = new LinkedHashMap<>();
    cold.forEach((metric, value) -> figures.put(MEMORY.contains(metric) ? metric
        : metric.replace("connect.", "connect_cold."), value));
    Map<String, Double> warm = run(connect, "connect (second wave)", failures);
    warm.keySet().removeAll(MEMORY);
    figures.putAll(warm);
    return figures;
  }

  /**
   * {@code --check-client}: the echo scenario once more, driven by the independent Node load generator
   * ({@code echo-client.js}) with the same clients, acks and payload, warmed up by a tenth of its acks; nothing for a
   * server that does not speak Socket.IO.
   */
  private static Map<String, Double> checkClient(Options o, ServerKind kind, ServerProcess server,
      List<String> failures) {
    Map<String, Double> r = new LinkedHashMap<>();
    if (!Boolean.parseBoolean(o.get("check-client")) || kind.dialect != Dialect.SOCKET_IO) {
      return r;
    }
    int acks = o.integer("echo-acks");
    Path script = o.path("node-script").toAbsolutePath().resolveSibling("echo-client.js");
    ProcessBuilder builder = new ProcessBuilder("node", script.toString(), Integer.toString(server.port()),
        Integer.toString(o.integer("echo-clients")), Integer.toString(acks), Integer.toString(o.integer("payload")),
        Integer.toString(Math.max(1, acks / 10))).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("NODE_PATH", o.path("node-modules").toAbsolutePath().toString());
    try {
      Process node = builder.start();
      // a client that hangs must not hang the run: its output ends when it is killed
      CompletableFuture.delayedExecutor(o.integer("timeout"), TimeUnit.SECONDS).execute(node::destroyForcibly);
      ProcProbe probe = server.probe((pid, n) -> { });
      long cpu0 = 0;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.equals("measuring")) {
            cpu0 = probe.cpuNanos();
          } else if (line.startsWith("result ")) {
            long cpu = probe.cpuNanos() - cpu0;
            Map<String, Double> words = new LinkedHashMap<>();
            for (String word : line.substring(7).split(" ")) {
              int eq = word.indexOf('=');
              words.put(word.substring(0, eq), Double.parseDouble(word.substring(eq + 1)));
            }
            r.put(Metric.ECHO_NODE_CLIENT_RATE, words.get("acks") / words.get("seconds"));
            r.put(Metric.ECHO_NODE_CLIENT_PER_CPU, words.get("acks") / Math.max(1e-9, cpu / 1e9));
            r.put(Metric.ECHO_NODE_CLIENT_P99, words.get("p99_ms"));
          }
        }
      }
      if (node.waitFor() != 0 || r.isEmpty()) {
        throw new IllegalStateException("echo-client.js failed or did not finish in " + o.integer("timeout") + " s");
      }
    } catch (Exception e) {
      System.err.println("  failed: echo (Node client): " + e.getMessage());
      failures.add("echo (Node client): " + e.getMessage());
    }
    return r;
  }

  /** What runs against one server process. */
  @FunctionalInterface
  interface ServerRun {
    /** {@code measuring[0]}: set while the figures count (the histogram is taken then). */
    void run(Scenarios scenarios, boolean[] measuring) throws Exception;
  }

  private static void withServer(Options o, ServerKind kind, Path log, Path jfr, Path histogram, ServerRun body)
      throws Exception {
    withServer(o, kind, Map.of(), log, jfr, histogram, body);
  }

  /** Runs {@code body} against a fresh process of {@code kind}, with {@code env} added to its environment. */
  static void withServer(Options o, ServerKind kind, Map<String, String> env, Path log, Path jfr, Path histogram,
      ServerRun body) throws Exception {
    withProcess(o, kind, env, log, jfr, histogram, (server, s, measuring) -> body.run(s, measuring));
  }

  /** What runs against one server process, with the process at hand (its {@link ServerProcess#memory}). */
  @FunctionalInterface
  interface ProcessRun {
    void run(ServerProcess server, Scenarios scenarios, boolean[] measuring) throws Exception;
  }

  /** {@link #withServer}, the body given the process too. */
  static void withProcess(Options o, ServerKind kind, Map<String, String> env, Path log, Path jfr, Path histogram,
      ProcessRun body) throws Exception {
    Map<String, String> all = new java.util.HashMap<>(kind.env(o));
    all.putAll(env);
    try (ServerProcess server = ServerProcess.start(kind.command(o, jfr), all, log);
        LoadGenerator load = new LoadGenerator(new InetSocketAddress("127.0.0.1", server.port()), kind.dialect,
            Math.max(1, o.integer("loadgen-threads")), sources(o.integer("sources")))) {
      boolean[] measuring = {false};
      ProcProbe probe = server.probe((pid, n) -> {
        if (histogram != null && measuring[0]) {
          // What the connected sessions are made of: the JVM's live objects by class, after the collection.
          Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
              .redirectErrorStream(true).redirectOutput(histogram.toFile()).start();
          jcmd.waitFor();
          Files.writeString(histogram, "\n(" + n + " connections open)\n", java.nio.file.StandardOpenOption.APPEND);
        }
      });
      body.run(server, new Scenarios(load, probe, Duration.ofSeconds(o.integer("timeout")), o.integer("payload"),
          Boolean.parseBoolean(o.get("polling-keep-alive"))), measuring);
    }
  }

  /** A scenario of the matrix. */
  @FunctionalInterface
  interface Step {
    Map<String, Double> run() throws Exception;
  }

  /** The scenarios this server runs, at {@code scale} of their sizes; a scale of 0 leaves them out. */
  static Map<String, Step> steps(Options o, ServerKind kind, Scenarios s, double scale) {
    Map<String, Step> steps = new LinkedHashMap<>();
    if (scale <= 0) {
      return steps;
    }
    int inFlight = o.integer("connect-in-flight");
    steps.put("connect", () -> s.connect(scaled(o, "connections", scale), inFlight));
    steps.put("fanout", () -> s.fanOut(scaled(o, "fanout-clients", scale), scaled(o, "broadcasts", scale),
        o.integer("fanout-window"), inFlight));
    steps.put("echo", () -> s.echo(scaled(o, "echo-clients", 1.0), scaled(o, "echo-acks", scale),
        o.integer("echo-window"), false, inFlight));
    if (kind.polling) {
      steps.put("polling", () -> s.echo(scaled(o, "polling-clients", 1.0), scaled(o, "polling-acks", scale), 1,
          true, inFlight));
    }
    return steps;
  }

  /**
   * Runs one scenario; a failure is reported, added to {@code failures}, and gives no figures (its connections are
   * closed by then, and the next scenario runs).
   */
  static Map<String, Double> run(Step step, String what, List<String> failures) {
    try {
      return new LinkedHashMap<>(step.run());
    } catch (Exception e) {
      String why = what + ": " + e.getMessage();
      System.err.println("  failed: " + why);
      failures.add(why);
      return new LinkedHashMap<>();
    }
  }

  private static int scaled(Options o, String name, double scale) {
    return Math.max(1, (int) Math.round(o.integer(name) * scale));
  }

  private static List<InetAddress> sources(int n) throws Exception {
    List<InetAddress> list = new ArrayList<>();
    if (n <= 1) {
      return list;
    }
    for (int i = 1; i <= n; i++) {
      list.add(InetAddress.getByAddress(new byte[] {127, 0, (byte) (i >> 8), (byte) (i & 0xff)}));
    }
    return list;
  }

  /** The servers the runner knows, how to start each and what it speaks. */
  enum ServerKind {
    NODE("node", Dialect.SOCKET_IO, true),
    NETTY_SOCKETIO("netty-socketio", Dialect.SOCKET_IO, true),
    BARE("bare", Dialect.BARE, false),
    SIO4J("sio4j", Dialect.SOCKET_IO, true),
    /** sio4j on Netty with {@code warmUpConnections} ({@code --warm-up-connections}), otherwise its defaults. */
    SIO4J_WARM("sio4j-warm", Dialect.SOCKET_IO, true),
    /** sio4j in embedded Tomcat 11 through {@code sio4j-servlet}. */
    TOMCAT("tomcat", Dialect.SOCKET_IO, true),
    /** sio4j in embedded Jetty 12 (ee10) through {@code sio4j-servlet}. */
    JETTY("jetty", Dialect.SOCKET_IO, true);

    final String id;
    final Dialect dialect;
    final boolean polling;

    ServerKind(String id, Dialect dialect, boolean polling) {
      this.id = id;
      this.dialect = dialect;
      this.polling = polling;
    }

    /** Whether this is sio4j, on whichever binding (what {@code --profile} profiles). */
    boolean sio4j() {
      return this == SIO4J || this == SIO4J_WARM || this == TOMCAT || this == JETTY;
    }

    static ServerKind of(String id) {
      for (ServerKind k : values()) {
        if (k.id.equals(id)) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown server " + id);
    }

    List<String> command(Options o, Path jfr) {
      List<String> c = new ArrayList<>();
      String cpus = o.get("server-cpus").trim();
      if (!cpus.isEmpty()) {
        c.add("taskset");
        c.add("-c");
        c.add(cpus);
      }
      if (this == NODE) {
        c.add("node");
        c.add("--expose-gc");
        c.add(o.path("node-script").toAbsolutePath().toString());
        c.add("0");
        return c;
      }
      String java = o.get("server-java").trim();
      c.add(java.isEmpty() ? ProcessHandle.current().info().command().orElse("java") : java);
      for (String opt : o.get("jvm-opts").trim().split("\\s+")) {
        if (!opt.isEmpty()) {
          c.add(opt);
        }
      }
      if (jfr != null && jfr.toString().endsWith(".jfr")) {
        c.add("-XX:StartFlightRecording=settings=" + jfrSettings(o, jfr) + ",filename=" + jfr);
      } else if (jfr != null) {
        // CPU samples of every thread, kernel frames included, every millisecond, as collapsed stacks
        c.add("-agentpath:" + AsyncProfiler.library(jfr.getParent()) + "=start,event=cpu,interval=1ms,threads,"
            + "collapsed,file=" + jfr);
      }
      c.add("-cp");
      if (this == NETTY_SOCKETIO) {
        String cp = o.get("netty-socketio-classpath");
        if (cp.isEmpty()) {
          throw new IllegalArgumentException("--netty-socketio-classpath is needed (run.sh builds it)");
        }
        c.add(cp);
        c.add("dev.sio4j.bench.peer.nettysocketio.NettySocketIoPeer");
      } else {
        String cp = o.get("server-classpath").trim();
        c.add(cp.isEmpty() ? System.getProperty("java.class.path") : cp);
        if (this == TOMCAT || this == JETTY) {
          c.add("dev.sio4j.bench.peers.Sio4jServletPeer");
          c.add(id);
          c.add("0");
          String maxPayload = o.get(id + "-max-payload").trim();
          if (!maxPayload.isEmpty()) {
            c.add(maxPayload);
          }
          return c;
        } else {
          c.add(this == BARE ? "dev.sio4j.bench.peers.BareNettyServer" : "dev.sio4j.bench.peers.Sio4jPeer");
        }
      }
      c.add("0");
      return c;
    }

    /** The settings file for JFR: as given, or the JDK's own profile.jfc with 1 ms method sampling ("fast"). */
    private static String jfrSettings(Options o, Path jfr) {
      String setting = o.get("profile-settings");
      if (!setting.equals("fast")) {
        return setting;
      }
      try {
        String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
        String fast = profile
            .replaceAll("(control=\"method-sampling-java-interval\">)[^<]*<", "$11 ms<")
            .replaceAll("(control=\"method-sampling-native-interval\">)[^<]*<", "$11 ms<");
        Path file = jfr.resolveSibling(jfr.getFileName() + ".jfc");
        Files.writeString(file, fast);
        return file.toString();
      } catch (java.io.IOException e) {
        return "profile";
      }
    }

    Map<String, String> env(Options o) {
      return switch (this) {
        case NODE -> Map.of("NODE_PATH", o.path("node-modules").toAbsolutePath().toString());
        case SIO4J_WARM -> Map.of("SIO4J_BENCH_WARM_UP", o.get("warm-up-connections").trim());
        default -> Map.of();
      };
    }
  }
}
