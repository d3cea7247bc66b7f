package dev.sio4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.bench.loadgen.Dialect;
import dev.sio4j.bench.loadgen.LoadGenerator;
import dev.sio4j.bench.loadgen.Metric;
import dev.sio4j.bench.loadgen.ProcProbe;
import dev.sio4j.bench.loadgen.Scenarios;
import dev.sio4j.bench.peers.BareNettyServer;
import dev.sio4j.bench.peers.Sio4jPeer;
import dev.sio4j.testing.NodePeer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every scenario of the benchmark with tiny sizes (10 clients) against the bare Netty peer, sio4j and the Node
 * reference peer: checks that the load generator, the peers and the figures work, not how fast anything is.
 */
class SmokeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void bareNettyPeer() throws Exception {
    try (BareNettyServer server = BareNettyServer.start(0)) {
      ProcProbe self = new ProcProbe(ProcessHandle.current().pid(), System::gc);
      Map<String, Double> r = runAll(server.port(), Dialect.BARE, self, false);
      assertTrue(r.get(Metric.ECHO_RATE) > 0, r.toString());
    }
  }

  @Test
  void sio4j() throws Exception {
    try (Sio4jPeer server = Sio4jPeer.start(0)) {
      ProcProbe self = new ProcProbe(ProcessHandle.current().pid(), System::gc);
      Map<String, Double> r = runAll(server.port(), Dialect.SOCKET_IO, self, true);
      assertTrue(r.get(Metric.POLLING_RATE) > 0, r.toString());
    }
  }

  @Test
  void nodeReferencePeer() throws Exception {
    try (NodePeer node = NodePeer.start(Path.of("src/main/node/server.js"), "0")) {
      String line = node.awaitLine(l -> l.startsWith("listening "), TIMEOUT);
      int port = Integer.parseInt(line.substring("listening ".length()));
      ProcProbe probe = new ProcProbe(node.process().pid(), () -> {
        node.sendLine("gc");
        node.awaitLine("gc done", TIMEOUT);
      });
      Map<String, Double> r = runAll(port, Dialect.SOCKET_IO, probe, true);
      assertTrue(r.get(Metric.POLLING_RATE) > 0, r.toString());
    }
  }

  static Map<String, Double> runAll(int port, Dialect dialect, ProcProbe probe, boolean polling) throws Exception {
    try (LoadGenerator load = new LoadGenerator(new InetSocketAddress("127.0.0.1", port), dialect, 1, List.of())) {
      Scenarios scenarios = new Scenarios(load, probe, TIMEOUT, 16, false);
      Map<String, Double> r = new java.util.LinkedHashMap<>(scenarios.connect(10, 5));
      r.putAll(scenarios.fanOut(10, 5, 2, 10));
      r.putAll(scenarios.echo(10, 20, 2, false, 10));
      if (polling) {
        r.putAll(scenarios.echo(10, 20, 1, true, 10));
        // Browsers keep their polling connections alive; check that mode too.
        Scenarios keepAlive = new Scenarios(load, probe, TIMEOUT, 16, true);
        assertTrue(keepAlive.echo(10, 20, 1, true, 10).get(Metric.POLLING_RATE) > 0);
      }
      for (Map.Entry<String, Double> e : r.entrySet()) {
        assertTrue(!(e.getValue() < 0) || e.getKey().endsWith("_kb"), e.toString());
      }
      System.out.println(dialect + " " + r);
      assertEquals(10 * 5 / (r.get(Metric.FANOUT_LAST) / 1000), r.get(Metric.FANOUT_RATE), 1e-6 * r.get(Metric.FANOUT_RATE));
      return r;
    }
  }
}
