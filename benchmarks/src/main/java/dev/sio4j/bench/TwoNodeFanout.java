package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.LoadGenerator;
import dev.sio4j.bench.loadgen.Metric;
import dev.sio4j.bench.loadgen.ProcProbe;
import dev.sio4j.bench.loadgen.Scenarios;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two-node fan-out: for each server of {@code --two-node-servers} ({@code node}, {@code sio4j}, each with the
 * classic Redis adapter, or {@code node-streams}, {@code sio4j-streams} with the streams adapter), two processes of it form a cluster over one
 * redis-server (a fresh one per run, started here), {@code --fanout-clients} clients split between them join one room,
 * and one client asks its server for {@code --broadcasts} broadcasts to the room ({@link Scenarios#fanOutAcross}).
 * Deliveries per second, per CPU-second of both servers together, time to the last delivery; the median of
 * {@code --reps} repetitions (servers interleaved) and sio4j's ratio to node, written to
 * {@code <out>/two-node-fanout-<time>.md}. Started by {@code benchmarks/run.sh --two-node}.
 */
public final class TwoNodeFanout {
  private TwoNodeFanout() {}

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    List<String> servers = o.list("two-node-servers");
    int reps = Math.max(1, o.integer("reps"));
    int clients = o.integer("fanout-clients");
    int broadcasts = o.integer("broadcasts");
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path out = o.path("out");
    Files.createDirectories(out);
    Path log = out.resolve("servers-two-node-" + time + ".log");
    Map<String, Map<String, List<Double>>> figures = new LinkedHashMap<>();
    for (int rep = 1; rep <= reps; rep++) {
      for (String id : servers) {
        boolean streams = id.endsWith("-streams");
        Map<String, Double> r = run(o, Runner.ServerKind.of(streams ? id.substring(0, id.length() - 8) : id), streams,
            clients, broadcasts, log);
        System.out.printf(Locale.ROOT, "rep %d %-6s %s%n", rep, id, r);
        r.forEach((k, v) -> figures.computeIfAbsent(id, x -> new LinkedHashMap<>())
            .computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      }
    }
    String report = report(o, args, figures, clients, broadcasts);
    Path file = out.resolve("two-node-fanout-" + time + ".md");
    Files.writeString(file, report);
    System.out.println(report);
    System.out.println("written to " + file);
  }

  private static Map<String, Double> run(Options o, Runner.ServerKind kind, boolean streams, int clients,
      int broadcasts, Path log) throws Exception {
    int redisPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      redisPort = probe.getLocalPort();
    }
    Process redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try {
      awaitRedis(redisPort);
      String uri = "redis://127.0.0.1:" + redisPort;
      Map<String, String> env = new HashMap<>(kind.env(o));
      env.put(kind == Runner.ServerKind.NODE ? "REDIS_URL" : "SIO4J_BENCH_REDIS", uri);
      if (streams) {
        env.put(kind == Runner.ServerKind.NODE ? "REDIS_ADAPTER" : "SIO4J_BENCH_REDIS_ADAPTER", "streams");
      }
      Duration timeout = Duration.ofSeconds(o.integer("timeout"));
      try (ServerProcess a = ServerProcess.start(kind.command(o, null), env, log);
          ServerProcess b = ServerProcess.start(kind.command(o, null), env, log);
          LoadGenerator loadA = load(o, kind, a);
          LoadGenerator loadB = load(o, kind, b)) {
        ProcProbe probeA = a.probe((pid, n) -> { });
        ProcProbe probeB = b.probe((pid, n) -> { });
        Scenarios here = new Scenarios(loadA, probeA, timeout, o.integer("payload"), false);
        Scenarios there = new Scenarios(loadB, probeB, timeout, o.integer("payload"), false);
        double warmup = o.decimal("warmup");
        if (warmup > 0) {
          here.fanOutAcross(there, clients, Math.max(1, (int) (broadcasts * warmup)), o.integer("fanout-window"),
              o.integer("connect-in-flight"));
        }
        return here.fanOutAcross(there, clients, broadcasts, o.integer("fanout-window"),
            o.integer("connect-in-flight"));
      }
    } finally {
      redis.destroy();
      redis.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static LoadGenerator load(Options o, Runner.ServerKind kind, ServerProcess server) {
    return new LoadGenerator(new InetSocketAddress("127.0.0.1", server.port()), kind.dialect,
        Math.max(1, o.integer("loadgen-threads")), List.of());
  }

  private static void awaitRedis(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("redis-server did not start on port " + port, e);
        }
        Thread.sleep(20);
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String report(Options o, String[] args, Map<String, Map<String, List<Double>>> figures,
      int clients, int broadcasts) {
    StringBuilder b = new StringBuilder();
    b.append("# Two-node fan-out over Redis\n\n");
    b.append(String.format(Locale.ROOT, "%d clients split between two servers of one cluster over one redis-server, "
        + "one room; one client asks its server for %d broadcasts (%d outstanding); every broadcast crosses Redis to "
        + "the other server. node: socket.io 4.8 with @socket.io/redis-adapter (createAdapter); sio4j: "
        + "RedisAdapterFactory (the classic adapter); the -streams servers: @socket.io/redis-streams-adapter and "
        + "RedisStreamsAdapterFactory. CPU is both servers' utime + stime. Median of %d repetitions "
        + "(min-max).%n%n", clients, broadcasts, o.integer("fanout-window"), Math.max(1, o.integer("reps"))));
    b.append("| metric |");
    figures.keySet().forEach(id -> b.append(' ').append(id).append(" |"));
    // sio4j against node on the same adapter: sio4j / node, sio4j-streams / node-streams
    List<String> pairs = new ArrayList<>();
    for (String suffix : List.of("", "-streams")) {
      if (figures.containsKey("sio4j" + suffix) && figures.containsKey("node" + suffix)) {
        pairs.add(suffix);
      }
    }
    pairs.forEach(p -> b.append(" sio4j").append(p).append(" / node").append(p).append(" |"));
    b.append("\n|---|");
    figures.keySet().forEach(id -> b.append("---|"));
    pairs.forEach(p -> b.append("---|"));
    b.append('\n');
    for (String metric : List.of(Metric.FANOUT_RATE, Metric.FANOUT_PER_CPU, Metric.FANOUT_LAST)) {
      b.append("| ").append(metric).append(" |");
      for (Map<String, List<Double>> m : figures.values()) {
        List<Double> v = m.get(metric);
        b.append(String.format(Locale.ROOT, " %,.0f (%,.0f-%,.0f) |", median(v), Collections.min(v),
            Collections.max(v)));
      }
      for (String p : pairs) {
        b.append(String.format(Locale.ROOT, " %.2f |", median(figures.get("sio4j" + p).get(metric))
            / median(figures.get("node" + p).get(metric))));
      }
      b.append('\n');
    }
    for (String p : pairs) {
      double r = median(figures.get("sio4j" + p).get(Metric.FANOUT_PER_CPU))
          / median(figures.get("node" + p).get(Metric.FANOUT_PER_CPU));
      b.append(String.format(Locale.ROOT, "%nTarget: sio4j%s deliveries per CPU-second >= 2x node%s: %.2fx, %s.%n",
          p, p, r, r >= 2 ? "met" : "missed"));
    }
    b.append(String.format(Locale.ROOT, "%nCommand: `benchmarks/run.sh --two-node %s`; %d CPUs (%s).%n",
        String.join(" ", java.util.Arrays.stream(args).filter(a -> !a.startsWith("--netty-socketio-classpath="))
            .toList()), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
    return b.toString();
  }
}
