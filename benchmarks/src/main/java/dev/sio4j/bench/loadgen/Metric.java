package dev.sio4j.bench.loadgen;

import java.util.List;

/** The names of the figures the scenarios report, their units, and whether more is better. */
public final class Metric {
  /** The first wave of connections into a process that has just started: its JIT cold, its heap not grown. */
  public static final String CONNECT_COLD_RATE = "connect_cold.rate";
  public static final String CONNECT_COLD_PER_CPU = "connect_cold.per_cpu_s";
  public static final String CONNECT_COLD_P99 = "connect_cold.p99_ms";
  public static final String CONNECT_RATE = "connect.rate";
  public static final String CONNECT_PER_CPU = "connect.per_cpu_s";
  public static final String CONNECT_P99 = "connect.p99_ms";
  public static final String MEM_PER_CONN = "connect.rss_per_conn_kb";
  public static final String MEM_PER_CONN_GC = "connect.rss_per_conn_after_gc_kb";
  /** Of the resident memory after a collection: the live heap, direct (off-heap) buffers, and the rest. */
  public static final String MEM_HEAP = "connect.heap_per_conn_kb";
  public static final String MEM_DIRECT = "connect.direct_per_conn_kb";
  public static final String MEM_OTHER = "connect.other_per_conn_kb";
  public static final String FANOUT_RATE = "fanout.deliveries_per_s";
  public static final String FANOUT_PER_CPU = "fanout.deliveries_per_cpu_s";
  public static final String FANOUT_LAST = "fanout.time_to_last_ms";
  /**
   * Of one CPU, how busy the server and the load generator were over a measured phase, in percent. A rate measured
   * while the generator was at its limit and the server was not is the generator's, not the server's.
   */
  static final String SERVER_CPU = "server_cpu_pct";
  static final String LOADGEN_CPU = "loadgen_cpu_pct";
  public static final String FANOUT_SERVER_CPU = "fanout." + SERVER_CPU;
  public static final String FANOUT_LOADGEN_CPU = "fanout." + LOADGEN_CPU;
  static final String ACK_RATE = "acks_per_s";
  static final String ACK_PER_CPU = "acks_per_cpu_s";
  static final String ACK_P50 = "p50_ms";
  static final String ACK_P99 = "p99_ms";
  public static final String ECHO_RATE = "echo." + ACK_RATE;
  public static final String ECHO_PER_CPU = "echo." + ACK_PER_CPU;
  public static final String ECHO_P50 = "echo." + ACK_P50;
  public static final String ECHO_P99 = "echo." + ACK_P99;
  public static final String ECHO_SERVER_CPU = "echo." + SERVER_CPU;
  public static final String ECHO_LOADGEN_CPU = "echo." + LOADGEN_CPU;
  public static final String POLLING_RATE = "polling." + ACK_RATE;
  public static final String POLLING_PER_CPU = "polling." + ACK_PER_CPU;
  public static final String POLLING_P50 = "polling." + ACK_P50;
  public static final String POLLING_P99 = "polling." + ACK_P99;
  public static final String POLLING_SERVER_CPU = "polling." + SERVER_CPU;
  public static final String POLLING_LOADGEN_CPU = "polling." + LOADGEN_CPU;
  /** The echo scenario driven by a second, independent load generator: a Node client on the ws library. */
  public static final String ECHO_NODE_CLIENT_RATE = "echo_node_client." + ACK_RATE;
  public static final String ECHO_NODE_CLIENT_PER_CPU = "echo_node_client." + ACK_PER_CPU;
  public static final String ECHO_NODE_CLIENT_P99 = "echo_node_client." + ACK_P99;

  /** Every metric, in report order. */
  public static final List<String> ALL = List.of(CONNECT_COLD_RATE, CONNECT_COLD_PER_CPU, CONNECT_COLD_P99,
      CONNECT_RATE, CONNECT_PER_CPU, CONNECT_P99, MEM_PER_CONN, MEM_PER_CONN_GC, MEM_HEAP, MEM_DIRECT, MEM_OTHER,
      FANOUT_RATE, FANOUT_PER_CPU, FANOUT_LAST, FANOUT_SERVER_CPU, FANOUT_LOADGEN_CPU, ECHO_RATE, ECHO_PER_CPU,
      ECHO_P50, ECHO_P99, ECHO_SERVER_CPU, ECHO_LOADGEN_CPU, ECHO_NODE_CLIENT_RATE, ECHO_NODE_CLIENT_PER_CPU,
      ECHO_NODE_CLIENT_P99, POLLING_RATE, POLLING_PER_CPU, POLLING_P50, POLLING_P99, POLLING_SERVER_CPU,
      POLLING_LOADGEN_CPU);

  private Metric() {}

  /** Whether {@code metric} describes the run (a CPU share) rather than the server: no ratio between servers. */
  public static boolean isCondition(String metric) {
    return metric.endsWith("_pct");
  }

  /** Whether a larger value of {@code metric} is better (rates) or worse (times, memory). */
  public static boolean higherIsBetter(String metric) {
    return !(metric.endsWith("_ms") || metric.endsWith("_kb"));
  }
}
