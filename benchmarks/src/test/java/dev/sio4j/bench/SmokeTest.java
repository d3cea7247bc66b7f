package dev.sio4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.bench.loadgen.Dialect;
import dev.sio4j.bench.loadgen.LoadGenerator;
import dev.sio4j.bench.loadgen.Metric;
import dev.sio4j.bench.loadgen.ProcProbe;
import dev.sio4j.bench.loadgen.Scenarios;
import dev.sio4j.bench.loadgen.ServerProbe;
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
      }, (pid, n) -> { }, () -> {
        node.sendLine("memory");
        // "memory heap_after_gc=<bytes> direct=<bytes>", as the JVM peers answer
        String[] words = node.awaitLine(l -> l.startsWith("memory "), TIMEOUT).split(" ");
        return new ServerProbe.Memory(Long.parseLong(words[1].substring("heap_after_gc=".length())),
            Long.parseLong(words[2].substring("direct=".length())));
      });
      Map<String, Double> r = runAll(port, Dialect.SOCKET_IO, probe, true);
      assertTrue(r.get(Metric.POLLING_RATE) > 0, r.toString());
      // the resident memory after the collection is split into the live heap, direct memory and the rest
      assertEquals(r.get(Metric.MEM_PER_CONN_GC),
          r.get(Metric.MEM_HEAP) + r.get(Metric.MEM_DIRECT) + r.get(Metric.MEM_OTHER), 1e-9, r.toString());
    }
  }

  /** The independent load generator of {@code --check-client} drives sio4j's echo and reports every ack. */
  @Test
  void nodeEchoClient() throws Exception {
    try (Sio4jPeer server = Sio4jPeer.start(0);
        NodePeer client = NodePeer.start(Path.of("src/main/node/echo-client.js"), Integer.toString(server.port()),
            "5", "20", "16", "2")) {
      client.awaitLine("measuring", TIMEOUT);
      String result = client.awaitLine(l -> l.startsWith("result "), TIMEOUT);
      assertTrue(result.startsWith("result acks=100 seconds="), result);
      assertEquals(0, client.waitFor(TIMEOUT), client.stderr());
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
