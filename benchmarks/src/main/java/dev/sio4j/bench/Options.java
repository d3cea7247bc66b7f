package dev.sio4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's options, {@code --name=value} on the command line. Defaults finish the whole matrix in a few
 * minutes on two cores; {@link #describe()} lists every option with its default.
 */
final class Options {
  private static final Map<String, String[]> DEFAULTS = new LinkedHashMap<>();

  static {
    def("servers", "node,netty-socketio,bare,sio4j", "servers to measure, in order (node,"
        + " netty-socketio, bare, sio4j, sio4j-warm: sio4j with --warm-up-connections, and sio4j in a Servlet"
        + " container: tomcat, jetty)");
    def("scenarios", "connect,fanout,echo,polling", "scenarios to run, in order: the matrix's (connect, fanout, echo,"
        + " polling), then, each with its own report, the ones under pressure: openloop, storm, slow");
    def("reps", "3", "repetitions; each repetition starts every server afresh, servers interleaved");
    def("connections", "10000", "connect: WebSocket clients that connect and stay");
    def("connect-in-flight", "256", "handshakes in flight at once while connecting");
    def("fanout-clients", "1000", "fan-out: clients in the room");
    def("broadcasts", "1000", "fan-out: broadcasts to the room (long enough for the JVMs' JIT to settle: at 200,"
        + " sio4j measured 330k deliveries per CPU-second, at 1,000 it measures 570k; Node the same 175k at both)");
    def("fanout-window", "16", "fan-out: broadcasts outstanding at once");
    def("echo-clients", "100", "echo: WebSocket clients");
    def("echo-acks", "5000", "echo: acknowledged events per client");
    def("echo-window", "1", "echo: events outstanding per client (1: each waits for its ack)");
    def("polling-clients", "200", "polling echo: long-polling clients (enough that the server, not the round trip of"
        + " each client, limits the rate)");
    def("polling-acks", "500", "polling echo: acknowledged events per client");
    def("polling-keep-alive", "false", "polling clients reuse connections (true, as browsers) or open one per request"
        + " (false, as the official Node client; netty-socketio 2.0.14 closes reused polling connections)");
    def("rates", "", "openloop: fixed rates of acked echo events per second, over all clients, e.g. 5000,10000");
    def("rate-fractions", "0.25,0.5,0.9", "openloop: rates as fractions of Node's closed-loop echo maximum (the echo"
        + " scenario's acks/s against node, measured first in the same run); used when --rates is empty");
    def("openloop-clients", "100", "openloop: WebSocket clients, each sending on its own timeline");
    def("openloop-warmup-seconds", "3", "openloop: seconds of each rate sent but not recorded");
    def("openloop-seconds", "10", "openloop: seconds of each rate recorded");
    def("openloop-drain-seconds", "10", "openloop: seconds to wait for the last answers; events unanswered by then"
        + " count as unanswered, at the latency they reached");
    def("storm-clients", "10000", "storm: WebSocket clients connecting at once against a freshly started server");
    def("storm-spread-ms", "2000", "storm: the clients start at even intervals over this many milliseconds");
    def("storm-connect-timeout-seconds", "10", "storm: a client not connected this long after its start is a"
        + " connect timeout");
    def("storm-hold-seconds", "10", "storm: the connected clients stay this long; any the server drops is counted"
        + " (the default ping interval and timeout, 25 s + 20 s, need a longer hold to show heartbeat timeouts)");
    def("storm-archives", "", "storm: also run sio4j on --storm-archive-java without an archive and with each of these"
        + " (each written by a training storm first): cds, a dynamic class-data sharing archive"
        + " (-XX:+AutoCreateSharedArchive, JDK 19+); aot, an AOT cache (-XX:AOTCacheOutput / -XX:AOTCache, JDK 25)");
    def("storm-archive-java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "storm: the java of the archive"
        + " comparison");
    def("slow-clients", "1000", "slow: sockets in the room, the stalled one included (sio4j only)");
    def("slow-rate", "5000", "slow: broadcasts per second to the room");
    def("slow-seconds", "30", "slow: seconds of broadcasts recorded");
    def("slow-warmup-seconds", "3", "slow: seconds of broadcasts before those, not recorded");
    def("slow-policies", "DISCONNECT,DROP_VOLATILE,DROP_OLDEST", "slow: the slow-consumer policies, one run each"
        + " with a stalled socket, after a baseline run without it");
    def("slow-payload", "1000", "slow: characters in each broadcast (the stalled socket must receive more than the"
        + " kernel's buffers hold, up to about 4 MB on loopback, before its send buffer fills)");
    def("slow-send-buffer-bytes", "", "slow: the server's sendBufferBytes (none: its default, 16 MiB)");
    def("payload", "16", "characters in each event's string argument");
    def("fresh", "scenario", "'scenario': each scenario runs in a server process of its own, started for it (as a"
        + " deployment meets one workload after a start; connect then measures a cold first wave, its memory in that"
        + " process, and a warm second wave); 'server': every scenario in one process per repetition, the memory"
        + " figures from a second process after --memory-warmup");
    def("check-client", "false", "echo: also drive each Socket.IO server with a second, independent load generator"
        + " (src/main/node/echo-client.js, Node's ws client) after the echo scenario, same clients, acks and"
        + " payload; its figures are the echo_node_client rows");
    def("warmup", "1", "each scenario runs once at this fraction of its size right before it is measured (0: no"
        + " warm-up): every JVM's JIT, and the load generator's, is warm when measuring");
    def("warmup-runs", "1", "warm-up runs before each measured scenario, each at --warmup of its size with clients"
        + " of its own (connect with --fresh=scenario has none: its first wave is the cold figure)");
    def("memory-warmup", "0.2", "with --fresh=server: the RSS per connection is taken in a second server process,"
        + " after every scenario ran once at this fraction of its size (-1: no memory figures)");
    def("timeout", "120", "seconds a scenario may take before it counts as failed");
    def("server-cpus", "", "pin each server to these CPUs (taskset -c list); empty: no pinning");
    def("warm-up-connections", "2000", "the sio4j-warm server's warmUpConnections: connections its listen makes to a"
        + " private copy of it before opening the port");
    def("jvm-opts", "-Xms256m -Xmx2g -XX:+UseG1GC", "JVM options of the JVM servers (the same for each)");
    def("server-java", "", "the java command of the JVM servers (none: the runner's own)");
    def("server-classpath", "", "the classpath of the JVM servers but netty-socketio (none: the runner's own)");
    def("tomcat-max-payload", "", "maxPayload of the tomcat server's SocketIoServer in bytes (none: sio4j's default,"
        + " 1,000,000). The servlet binding sizes the WebSocket message buffers to maxPayload + 64 KiB, and Tomcat"
        + " allocates its text buffer at that size for every session that received a text message: 2.1 MB of heap"
        + " per connection at the default (in -Xmx1g a trial ran out of heap at about 370 connections)");
    def("jetty-max-payload", "", "the same for the jetty server (Jetty grows its buffers as messages need)");
    def("profile", "false", "profile each run of sio4j, tomcat or jetty (the throughput process) into the out"
        + " folder: 'jfr' (or 'true') records JFR (<server>-<time>-<rep>.jfr, summarised by"
        + " dev.sio4j.bench.JfrSummary), 'async' runs async-profiler (CPU, kernel frames included:"
        + " <server>-<time>-<rep>.collapsed, summarised by"
        + " dev.sio4j.bench.CollapsedSummary); 'false': none");
    def("profile-settings", "fast", "JFR settings of --profile: a .jfc file, or 'fast': the JDK's 'profile' settings"
        + " with Java and native method sampling every 1 ms instead of 10 and 20");
    def("histogram", "false", "while the connect scenario's connections are open, save each JVM server's class"
        + " histogram (jcmd GC.class_histogram) into the out folder");
    def("loadgen-threads", "1", "event loop threads of the load generator");
    def("sources", "1", "loopback source addresses for client sockets: 127.0.0.1 .. 127.0.0.N");
    def("netty-socketio-classpath", "", "classpath of the netty-socketio peer (run.sh builds it)");
    def("node-script", "benchmarks/src/main/node/server.js", "the Node peer's script");
    def("node-modules", "node/node_modules", "NODE_PATH of the Node peer");
    def("two-node-servers", "node,sio4j,node-streams,sio4j-streams", "two-node fan-out (TwoNodeFanout): servers"
        + " measured as two nodes over one redis-server, node with @socket.io/redis-adapter (createAdapter), sio4j"
        + " with RedisAdapterFactory; -streams: @socket.io/redis-streams-adapter, RedisStreamsAdapterFactory");
    def("out", "benchmarks/results", "folder for the result table");
    def("note", "", "a line added to the report (e.g. what else ran on the machine)");
  }

  private final Map<String, String> values = new LinkedHashMap<>();

  private static void def(String name, String value, String doc) {
    DEFAULTS.put(name, new String[] {value, doc});
  }

  static Options parse(String[] args) {
    Options o = new Options();
    DEFAULTS.forEach((k, v) -> o.values.put(k, v[0]));
    for (String arg : args) {
      if (arg.equals("--help")) {
        System.out.println(describe());
        System.exit(0);
      }
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0 || !DEFAULTS.containsKey(arg.substring(2, eq))) {
        throw new IllegalArgumentException("unknown option " + arg + "\n" + describe());
      }
      o.values.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return o;
  }

  static String describe() {
    StringBuilder b = new StringBuilder("options (--name=value):\n");
    DEFAULTS.forEach((k, v) -> b.append(String.format("  --%-26s %s (default: %s)%n", k, v[1],
        v[0].isEmpty() ? "none" : v[0])));
    return b.toString();
  }

  /** A copy with {@code name} set to {@code value}. */
  Options with(String name, String value) {
    if (!DEFAULTS.containsKey(name)) {
      throw new IllegalArgumentException("unknown option " + name);
    }
    Options o = new Options();
    o.values.putAll(values);
    o.values.put(name, value);
    return o;
  }

  String get(String name) {
    return values.get(name);
  }

  int integer(String name) {
    int v = Integer.parseInt(values.get(name));
    if (v < 0) {
      throw new IllegalArgumentException("--" + name + " must not be negative");
    }
    return v;
  }

  double decimal(String name) {
    return Double.parseDouble(values.get(name));
  }

  List<String> list(String name) {
    String v = values.get(name).trim();
    return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s*,\\s*"));
  }

  Path path(String name) {
    return Path.of(values.get(name));
  }

  /** The options that differ from their defaults, as they would be written on the command line. */
  String nonDefaults() {
    StringBuilder b = new StringBuilder();
    values.forEach((k, v) -> {
      if (!v.equals(DEFAULTS.get(k)[0]) && !k.equals("netty-socketio-classpath")) {
        b.append(" --").append(k).append('=').append(v.contains(" ") ? "'" + v + "'" : v);
      }
    });
    return b.toString().trim();
  }

  /** Every option and its value, for the report. */
  Map<String, String> all() {
    return values;
  }
}
