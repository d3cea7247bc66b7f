package dev.sio4j.bench;

import dev.sio4j.server.SocketIoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a connected client costs the process that holds it, sio4j-client against the official Java client 2.1.1, in
 * one run ({@code benchmarks/clients.sh}). One sio4j server (in this process) serves both. Each repetition starts, for
 * each client in turn, a JVM of its own that opens N WebSocket connections (one manager each) and then idles; once all
 * are connected this process reads the client JVM's heap after a full collection ({@code jcmd GC.run}, {@code
 * GC.heap_info}), its resident memory and threads ({@code /proc/PID/status}), and the CPU it uses while idle for
 * {@code --idle-seconds} ({@code /proc/PID/stat}). The same with no connection gives each JVM's own baseline, so that
 * the figures are per connected client: (value with N - value with none) / N.
 *
 * <p>Usage: {@code ClientFootprint --official-classpath=CP [--sio4j-classpath=CP] [--clients=500] [--reps=3]
 * [--idle-seconds=10] [--out=benchmarks/results]}. Each client's JVM should get that client's own dependencies only
 * ({@code clients.sh} does): a class path of every benchmark dependency makes the first connection open some ninety
 * jars, whose directories (a few MB of heap) would count as per-connection memory. Without
 * {@code --sio4j-classpath}, the class path of this JVM runs the sio4j clients.
 */
public final class ClientFootprint {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private ClientFootprint() {}

  private record Sample(double heapKb, double rssKb, double threads, double idleCpuMs) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    int clients = Integer.parseInt(opts.getOrDefault("clients", "500"));
    int reps = Integer.parseInt(opts.getOrDefault("reps", "3"));
    int idleSeconds = Integer.parseInt(opts.getOrDefault("idle-seconds", "10"));
    String officialClasspath = opts.get("official-classpath");
    Path out = Path.of(opts.getOrDefault("out", "benchmarks/results"));
    Map<String, List<String>> commands = new LinkedHashMap<>();
    String sio4jClasspath = opts.getOrDefault("sio4j-classpath", System.getProperty("java.class.path"));
    commands.put("sio4j-client", List.of(sio4jClasspath, "dev.sio4j.bench.clients.Sio4jClients"));
    commands.put("official 2.1.1", List.of(officialClasspath,
        "dev.sio4j.bench.peer.officialclient.OfficialClients"));

    SocketIoServer io = SocketIoServer.create();
    String url = "http://127.0.0.1:" + io.listen(0).address().getPort();
    Map<String, List<Sample>> perClient = new LinkedHashMap<>();
    try {
      Map<String, Sample> baseline = new LinkedHashMap<>();
      for (var e : commands.entrySet()) {
        baseline.put(e.getKey(), measure(e.getValue(), url, 0, idleSeconds));
      }
      for (int rep = 1; rep <= reps; rep++) {
        for (var e : commands.entrySet()) {
          Sample with = measure(e.getValue(), url, clients, idleSeconds);
          Sample base = baseline.get(e.getKey());
          Sample each = new Sample((with.heapKb() - base.heapKb()) / clients, (with.rssKb() - base.rssKb()) / clients,
              (with.threads() - base.threads()) / clients, (with.idleCpuMs() - base.idleCpuMs()) / clients);
          perClient.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(each);
          System.out.printf(Locale.ROOT, "rep %d %s: %s%n", rep, e.getKey(), each);
        }
      }
    } finally {
      io.close();
    }
    String report = report(perClient, clients, reps, idleSeconds);
    System.out.println(report);
    Files.createDirectories(out);
    Path file = out.resolve("clients-" + Instant.now().toString().replaceAll("[-:]", "").substring(0, 15) + ".md");
    Files.writeString(file, report);
    System.out.println("written to " + file);
  }

  private static Sample measure(List<String> command, String url, int clients, int idleSeconds) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xms64m", "-Xmx1g", "-XX:+UseG1GC", "-cp", command.get(0), command.get(1),
        url, Integer.toString(clients)).redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("connected ")) {
        if (line.startsWith("failed")) {
          throw new IllegalStateException(command.get(1) + ": " + line);
        }
      }
      if (line == null) {
        throw new IllegalStateException(command.get(1) + " exited before connecting");
      }
      drain(lines);
      Thread.sleep(2_000);
      long pid = p.pid();
      long ticksBefore = cpuTicks(pid);
      Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
      long ticksAfter = cpuTicks(pid);
      jcmd(pid, "GC.run");
      Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
      double heapKb = used.find() ? Double.parseDouble(used.group(1)) : Double.NaN;
      Map<String, String> status = status(pid);
      return new Sample(heapKb, kb(status.get("VmRSS")), Double.parseDouble(status.get("Threads").trim()),
          (ticksAfter - ticksBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND);
    } finally {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  // the client's own output (its log) must not fill the pipe and stop it
  private static void drain(BufferedReader lines) {
    Thread t = new Thread(() -> {
      try {
        while (lines.readLine() != null) {
          // discarded
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "client-output");
    t.setDaemon(true);
    t.start();
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return text;
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // the fields after the command name (which may hold spaces), from its closing parenthesis: utime is the 12th
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static Map<String, String> status(long pid) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        values.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    return values;
  }

  private static double kb(String value) {
    return Double.parseDouble(value.replaceAll("[^0-9]", ""));
  }

  private static String report(Map<String, List<Sample>> perClient, int clients, int reps, int idleSeconds) {
    StringBuilder r = new StringBuilder("# Client footprint: sio4j-client and the official Java client\n\n");
    r.append(String.format(Locale.ROOT, "%d WebSocket connections per client JVM (one manager each), medians of %d"
        + " repetitions, interleaved; per connected client, the JVM's own baseline (no connection) taken off. Idle"
        + " CPU: the client JVM's CPU time over %d s without traffic (heartbeats only).%n%n", clients, reps,
        idleSeconds));
    r.append("| per connected client | sio4j-client | official 2.1.1 | sio4j / official |\n|---|---:|---:|---:|\n");
    Sample s = median(perClient.get("sio4j-client"));
    Sample o = median(perClient.get("official 2.1.1"));
    row(r, "heap after GC (KB)", s.heapKb(), o.heapKb());
    row(r, "resident memory (KB)", s.rssKb(), o.rssKb());
    row(r, "threads", s.threads(), o.threads());
    row(r, "idle CPU (ms per " + idleSeconds + " s)", s.idleCpuMs(), o.idleCpuMs());
    return r.toString();
  }

  private static void row(StringBuilder r, String name, double sio4j, double official) {
    // a ratio to nothing (an idle CPU below the clock's resolution) says nothing
    String ratio = official == 0 ? "–" : String.format(Locale.ROOT, "%.2fx", sio4j / official);
    r.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %s |%n", name, sio4j, official, ratio));
  }

  private static Sample median(List<Sample> samples) {
    return new Sample(median(samples, Sample::heapKb), median(samples, Sample::rssKb),
        median(samples, Sample::threads), median(samples, Sample::idleCpuMs));
  }

  private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
    double[] v = samples.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
