package dev.sio4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.bench.loadgen.Metric;
import org.junit.jupiter.api.Test;

/** The result table: medians, min–max, ratios and the targets' verdicts. */
class ReportTest {
  @Test
  void mediansRangesRatiosAndTargets() {
    Report report = new Report(Options.parse(new String[] {"--servers=node,netty-socketio,sio4j", "--reps=3"}));
    for (double v : new double[] {100, 300, 200}) {
      report.add("node", Metric.ECHO_PER_CPU, v);
    }
    for (double v : new double[] {500, 400, 450}) {
      report.add("sio4j", Metric.ECHO_PER_CPU, v);
    }
    report.add("netty-socketio", Metric.ECHO_PER_CPU, 350);
    report.add("sio4j", Metric.MEM_PER_CONN_GC, 5.5);
    report.add("sio4j", Metric.MEM_PER_CONN, 9.25);
    report.add("node", Metric.ECHO_RATE, 30_000);
    report.add("node", Metric.ECHO_NODE_CLIENT_RATE, 60_000);
    report.add("sio4j", Metric.ECHO_P99, Double.NaN);
    assertEquals(200, report.median("node", Metric.ECHO_PER_CPU));
    assertEquals(450, report.median("sio4j", Metric.ECHO_PER_CPU));
    assertTrue(Double.isNaN(report.median("sio4j", Metric.ECHO_P99)));

    String table = report.render();
    assertTrue(table.contains("| echo.acks_per_cpu_s | 200 (100–300) | 350 (350–350) | 450 (400–500) | 2.25× | 1.29× |"),
        table);
    assertTrue(table.contains("- met: echo acks per server CPU-second ≥ 2× node (ratio 2.25)"), table);
    assertTrue(table.contains("- MISSED: echo acks per server CPU-second ≥ 1.4× netty-socketio (ratio 1.29)"), table);
    assertTrue(table.contains("- not measured: fan-out"), table);
    assertTrue(table.contains("- met: memory per idle WebSocket connection after a GC ≤ 6 KB: 5.50 KB (before the GC:"
        + " 9.25 KB)"), table);
    // the second load generator gets twice node's echo rate: the table says so
    assertTrue(table.contains("- node: 30,000 / 60,000 = 0.50×"), table);
  }

  @Test
  void servletContainersAreComparedWithSio4jOnNettyAndNode() {
    Report report = new Report(Options.parse(new String[] {"--servers=node,sio4j,tomcat,jetty", "--reps=1"}));
    report.add("node", Metric.ECHO_PER_CPU, 100);
    report.add("sio4j", Metric.ECHO_PER_CPU, 400);
    report.add("tomcat", Metric.ECHO_PER_CPU, 300);
    report.add("jetty", Metric.ECHO_PER_CPU, 200);

    String table = report.render();
    // sio4j is compared with its peers only; each container with sio4j on Netty and with node
    assertTrue(table.contains("| metric | node | sio4j | tomcat | jetty | sio4j/node | tomcat/sio4j | tomcat/node"
        + " | jetty/sio4j | jetty/node |"), table);
    assertTrue(table.contains("| echo.acks_per_cpu_s | 100 (100–100) | 400 (400–400) | 300 (300–300) | 200 (200–200)"
        + " | 4.00× | 0.75× | 3.00× | 0.50× | 2.00× |"), table);
    assertTrue(table.contains("- met: tomcat echo.acks_per_cpu_s ≥ 0.7× sio4j (ratio 0.75)"), table);
    assertTrue(table.contains("- MISSED: jetty echo.acks_per_cpu_s ≥ 0.7× sio4j (ratio 0.50)"), table);
    assertTrue(table.contains("- met: jetty echo.acks_per_cpu_s ≥ node (ratio 2.00)"), table);
    assertTrue(table.contains("- not measured: tomcat connect.rate ≥ node"), table);
  }

  @Test
  void aRateTheLoadGeneratorLimitedIsSaidSo() {
    Report report = new Report(Options.parse(new String[] {"--servers=node,sio4j", "--reps=1"}));
    report.add("node", Metric.POLLING_RATE, 2_600);
    report.add("node", Metric.POLLING_PER_CPU, 2_650);
    report.add("node", Metric.POLLING_SERVER_CPU, 98);
    report.add("node", Metric.POLLING_LOADGEN_CPU, 52);
    report.add("sio4j", Metric.POLLING_RATE, 4_100);
    report.add("sio4j", Metric.POLLING_PER_CPU, 6_000);
    report.add("sio4j", Metric.POLLING_SERVER_CPU, 68);
    report.add("sio4j", Metric.POLLING_LOADGEN_CPU, 99);

    String table = report.render();
    // a CPU share describes the run, not a server: no ratio
    assertTrue(table.contains("| polling.loadgen_cpu_pct | 52.00 (52.00–52.00) | 99.00 (99.00–99.00) |  |"), table);
    assertTrue(table.contains("- MISSED: polling acks/s ≥ 2× node (ratio 1.58)"), table);
    assertTrue(table.contains("- met: polling acks per server CPU-second ≥ 2× node (ratio 2.26)"), table);
    assertTrue(table.contains("- polling, sio4j: load generator at 99 % of its CPU, server at 68 %"), table);
    assertTrue(!table.contains("- polling, node:"), table);
  }

  @Test
  void rejectsUnknownOptions() {
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"--conections=10"}));
    assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[] {"connections=10"}));
  }

  @Test
  void formatsLargeAndSmallFigures() {
    assertEquals("12,346", Report.format(12345.6));
    assertEquals("0.42", Report.format(0.4213));
    assertEquals("n/a", Report.format(Double.NaN));
  }
}
