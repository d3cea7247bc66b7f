package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result table: per metric and server the median of the repetitions with their min–max, the ratio of sio4j's
 * median to each peer's, the ratios of sio4j in a Servlet container (tomcat, jetty) to sio4j on Netty and to Node,
 * the targets checked, and a description of the machine and the command.
 */
final class Report {
  /** sio4j on another binding than its Netty server: compared with sio4j on Netty and with Node, not as peers. */
  private static final List<String> BINDINGS = List.of("tomcat", "jetty");
  /** What each binding is compared with. */
  private static final List<String> REFERENCES = List.of("sio4j", "node");
  /** The figure that stands for each scenario in the bindings' targets, as in sio4j's own targets. */
  private static final List<String> HEADLINES = List.of(Metric.CONNECT_RATE, Metric.FANOUT_PER_CPU,
      Metric.ECHO_PER_CPU, Metric.POLLING_RATE);
  /** A binding's target: this fraction of sio4j on Netty's figure, and at least Node's. */
  private static final double OF_NETTY = 0.7;
  /** A load generator at this share of its CPU (percent) or more is at its limit. */
  private static final double GENERATOR_BOUND = 90;
  /** A server below this share of its CPU (percent) had CPU to spare. */
  private static final double SERVER_SPARE = 85;

  private final Options options;
  private final List<String> servers;
  private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();
  private final Map<String, List<String>> failures = new LinkedHashMap<>();
  private final Instant start = Instant.now();
  private String loadBefore = "";
  private String loadAfter = "";

  Report(Options options) {
    this.options = options;
    this.servers = options.list("servers");
    for (String s : servers) {
      values.put(s, new LinkedHashMap<>());
      failures.put(s, new ArrayList<>());
    }
  }

  void add(String server, String metric, double value) {
    values.get(server).computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
  }

  void fail(String server, String why) {
    failures.get(server).add(why);
  }

  void machineBefore() {
    loadBefore = read("/proc/loadavg");
  }

  void machineAfter() {
    loadAfter = read("/proc/loadavg");
  }

  /** The median of a server's repetitions, or NaN. */
  double median(String server, String metric) {
    List<Double> v = finite(server, metric);
    if (v.isEmpty()) {
      return Double.NaN;
    }
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private List<Double> finite(String server, String metric) {
    List<Double> v = new ArrayList<>();
    for (double d : values.getOrDefault(server, Map.of()).getOrDefault(metric, List.of())) {
      if (Double.isFinite(d)) {
        v.add(d);
      }
    }
    Collections.sort(v);
    return v;
  }

  String render() {
    StringBuilder b = new StringBuilder();
    b.append("# sio4j benchmarks: ").append(start).append("\n\n");
    // run.sh passes its own arguments on (--pin becomes --server-cpus=0 on the way): show those when known.
    String args = System.getenv().getOrDefault("SIO4J_BENCH_ARGS", options.nonDefaults());
    b.append("Command: `benchmarks/run.sh ").append(args.trim()).append("`\n\n");
    if (!options.get("note").isEmpty()) {
      b.append("Note: ").append(options.get("note")).append("\n\n");
    }
    b.append("Each cell: median of ").append(options.get("reps"))
        .append(" repetitions (min–max); each repetition starts the server afresh. Ratios: sio4j's median over the peer's;"
            + " tomcat and jetty are sio4j in those Servlet containers, given as their median over sio4j's (on Netty)"
            + " and over node's; for times and memory (`_ms`, `_kb`) lower is better.\n\n");
    List<String> peers = new ArrayList<>(servers);
    peers.remove("sio4j");
    peers.removeAll(BINDINGS);
    if (!servers.contains("sio4j")) {
      peers.clear();
    }
    List<String[]> bindingRatios = new ArrayList<>();
    for (String binding : BINDINGS) {
      for (String reference : REFERENCES) {
        if (servers.contains(binding) && servers.contains(reference)) {
          bindingRatios.add(new String[] {binding, reference});
        }
      }
    }
    b.append("| metric |");
    servers.forEach(s -> b.append(' ').append(s).append(" |"));
    peers.forEach(p -> b.append(" sio4j/").append(p).append(" |"));
    bindingRatios.forEach(r -> b.append(' ').append(r[0]).append('/').append(r[1]).append(" |"));
    b.append("\n|---|");
    servers.forEach(s -> b.append("---:|"));
    peers.forEach(p -> b.append("---:|"));
    bindingRatios.forEach(r -> b.append("---:|"));
    b.append('\n');
    for (String metric : Metric.ALL) {
      boolean any = servers.stream().anyMatch(s -> !finite(s, metric).isEmpty());
      if (!any) {
        continue;
      }
      b.append("| ").append(metric).append(" |");
      for (String s : servers) {
        List<Double> v = finite(s, metric);
        b.append(' ').append(v.isEmpty() ? "n/a" : format(median(s, metric)) + " (" + format(v.get(0)) + "–"
            + format(v.get(v.size() - 1)) + ")").append(" |");
      }
      boolean condition = Metric.isCondition(metric);
      for (String p : peers) {
        b.append(' ').append(condition ? "" : times(median("sio4j", metric) / median(p, metric))).append(" |");
      }
      for (String[] r : bindingRatios) {
        b.append(' ').append(condition ? "" : times(median(r[0], metric) / median(r[1], metric))).append(" |");
      }
      b.append('\n');
    }
    failures.forEach((s, f) -> f.forEach(why -> b.append("\nFailed run of ").append(s).append(": ").append(why)));
    b.append("\n\n").append(targets()).append(bindingTargets()).append('\n').append(machine());
    return b.toString();
  }

  private String targets() {
    if (!servers.contains("sio4j")) {
      return "";
    }
    StringBuilder b = new StringBuilder("## Targets\n\n");
    target(b, "echo acks per server CPU-second ≥ 2× node", ratio(Metric.ECHO_PER_CPU, "node"), 2.0, true);
    target(b, "echo acks per server CPU-second ≥ 1.4× netty-socketio", ratio(Metric.ECHO_PER_CPU, "netty-socketio"),
        1.4, true);
    target(b, "echo p99 lower than node", ratio(Metric.ECHO_P99, "node"), 1.0, false);
    target(b, "echo p99 lower than netty-socketio", ratio(Metric.ECHO_P99, "netty-socketio"), 1.0, false);
    target(b, "fan-out deliveries per server CPU-second ≥ 2× node", ratio(Metric.FANOUT_PER_CPU, "node"), 2.0, true);
    target(b, "polling acks/s ≥ 2× node", ratio(Metric.POLLING_RATE, "node"), 2.0, true);
    target(b, "polling acks per server CPU-second ≥ 2× node", ratio(Metric.POLLING_PER_CPU, "node"), 2.0, true);
    target(b, "connections/s from a freshly started process ≥ 1.5× node", ratio(Metric.CONNECT_COLD_RATE, "node"),
        1.5, true);
    target(b, "connections/s, second wave ≥ 1.5× node", ratio(Metric.CONNECT_RATE, "node"), 1.5, true);
    if (servers.contains("sio4j-warm") && servers.contains("node")) {
      target(b, "with warmUpConnections (sio4j-warm): connections/s from a freshly started process ≥ 1.5× node",
          median("sio4j-warm", Metric.CONNECT_COLD_RATE) / median("node", Metric.CONNECT_COLD_RATE), 1.5, true);
    }
    double kb = median("sio4j", Metric.MEM_PER_CONN_GC);
    b.append(String.format(Locale.ROOT, "- %s memory per idle WebSocket connection after a GC ≤ 6 KB: %s KB (before"
            + " the GC: %s KB)%n", Double.isFinite(kb) ? (kb <= 6 ? "met:" : "MISSED:") : "not measured:", format(kb),
        format(median("sio4j", Metric.MEM_PER_CONN))));
    b.append(generatorLimits());
    b.append(loadGenerators());
    return b.toString();
  }

  /**
   * The scenarios in which the load generator, not the server, set a server's pace: the generator near all of its
   * CPU while the server had CPU to spare. The rate of such a run is the generator's ceiling; its work per server
   * CPU-second still compares servers.
   */
  private String generatorLimits() {
    StringBuilder b = new StringBuilder();
    for (String[] scenario : new String[][] {{"echo", Metric.ECHO_SERVER_CPU, Metric.ECHO_LOADGEN_CPU},
        {"polling", Metric.POLLING_SERVER_CPU, Metric.POLLING_LOADGEN_CPU},
        {"fanout", Metric.FANOUT_SERVER_CPU, Metric.FANOUT_LOADGEN_CPU}}) {
      for (String s : servers) {
        double server = median(s, scenario[1]);
        double generator = median(s, scenario[2]);
        if (generator >= GENERATOR_BOUND && server < SERVER_SPARE) {
          if (b.length() == 0) {
            b.append("\n## Rates the load generator limited\n\n");
          }
          b.append(String.format(Locale.ROOT, "- %s, %s: load generator at %.0f %% of its CPU, server at %.0f %%: "
              + "the rate is the generator's; compare the work per server CPU-second%n", scenario[0], s, generator,
              server));
        }
      }
    }
    return b.toString();
  }

  /**
   * With {@code --check-client}: each server's echo rate under the Java load generator over its rate under the
   * independent Node one. Near 1 for every server, neither generator limits the figure; a peer far from the others
   * is handicapped by one of them, and its ratios above should be read with the other generator's figure.
   */
  private String loadGenerators() {
    StringBuilder b = new StringBuilder();
    for (String s : servers) {
      double java = median(s, Metric.ECHO_RATE);
      double node = median(s, Metric.ECHO_NODE_CLIENT_RATE);
      if (Double.isFinite(node)) {
        if (b.length() == 0) {
          b.append("\n## The two load generators (echo acks/s: Java generator / Node client)\n\n");
        }
        b.append(String.format(Locale.ROOT, "- %s: %s / %s = %s%n", s, format(java), format(node),
            times(java / node)));
      }
    }
    if (b.length() > 0 && servers.contains("sio4j")) {
      b.append(String.format(Locale.ROOT, "- sio4j/node with the Node client: acks/s %s, per server CPU-second %s%n",
          times(ratio(Metric.ECHO_NODE_CLIENT_RATE, "node")), times(ratio(Metric.ECHO_NODE_CLIENT_PER_CPU, "node"))));
    }
    return b.toString();
  }

  private static String times(double ratio) {
    return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f×", ratio) : "n/a";
  }

  /**
   * sio4j in each Servlet container against sio4j on Netty (at least {@link #OF_NETTY} of it) and against Node (at
   * least as much), on each scenario's headline figure.
   */
  private String bindingTargets() {
    StringBuilder b = new StringBuilder();
    for (String binding : BINDINGS) {
      if (!servers.contains(binding)) {
        continue;
      }
      if (b.length() == 0) {
        b.append("\n## sio4j in a Servlet container: ≥ ").append(OF_NETTY)
            .append("× sio4j on Netty and ≥ node, per scenario\n\n");
      }
      for (String metric : HEADLINES) {
        target(b, binding + " " + metric + " ≥ " + OF_NETTY + "× sio4j",
            bindingRatio(binding, metric, "sio4j"), OF_NETTY, true);
        target(b, binding + " " + metric + " ≥ node", bindingRatio(binding, metric, "node"), 1.0, true);
      }
    }
    return b.toString();
  }

  private double bindingRatio(String binding, String metric, String reference) {
    return servers.contains(reference) ? median(binding, metric) / median(reference, metric) : Double.NaN;
  }

  private double ratio(String metric, String peer) {
    return servers.contains(peer) ? median("sio4j", metric) / median(peer, metric) : Double.NaN;
  }

  private static void target(StringBuilder b, String what, double ratio, double bound, boolean atLeast) {
    String verdict = !Double.isFinite(ratio) ? "not measured:"
        : (atLeast ? ratio >= bound : ratio < bound) ? "met:" : "MISSED:";
    b.append(String.format(Locale.ROOT, "- %s %s (ratio %s)%n", verdict, what,
        Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f", ratio) : "n/a"));
  }

  String machine() {
    StringBuilder b = new StringBuilder("## Machine\n\n");
    String cpuinfo = read("/proc/cpuinfo");
    long cpus = cpuinfo.lines().filter(l -> l.startsWith("processor")).count();
    String model = cpuinfo.lines().filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    String mem = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
        .map(l -> l.substring(9).trim()).orElse("?");
    b.append("- CPUs: ").append(cpus).append(" × ").append(model).append('\n');
    b.append("- memory: ").append(mem).append('\n');
    b.append("- kernel: ").append(read("/proc/sys/kernel/osrelease").trim()).append('\n');
    b.append("- JDK (servers and load generator): ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append('\n');
    b.append("- JVM server options: `").append(options.get("jvm-opts")).append("`\n");
    b.append("- Node: ").append(command("node", "--version")).append('\n');
    b.append("- pinning: ").append(options.get("server-cpus").isEmpty() ? "none"
        : "servers on CPU " + options.get("server-cpus") + ", load generator on CPU "
        + System.getenv().getOrDefault("SIO4J_BENCH_LOADGEN_CPUS", "(unpinned)")).append('\n');
    b.append("- load average before / after: ").append(loadBefore.trim()).append(" / ").append(loadAfter.trim())
        .append('\n');
    b.append("- options: ");
    options.all().forEach((k, v) -> {
      if (!k.equals("netty-socketio-classpath") && !k.equals("note")) {
        b.append('`').append(k).append('=').append(v).append("` ");
      }
    });
    b.append('\n');
    return b.toString();
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "?";
    }
  }

  private static String command(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return out;
    } catch (Exception e) {
      return "?";
    }
  }

  static String format(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
