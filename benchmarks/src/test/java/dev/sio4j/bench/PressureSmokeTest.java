package dev.sio4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.bench.loadgen.ConnectStorm;
import dev.sio4j.bench.loadgen.Dialect;
import dev.sio4j.bench.loadgen.LoadGenerator;
import dev.sio4j.bench.loadgen.OpenLoopEcho;
import dev.sio4j.bench.loadgen.ProcProbe;
import dev.sio4j.bench.loadgen.Scenarios;
import dev.sio4j.bench.loadgen.SlowConsumerLoad;
import dev.sio4j.bench.peers.Sio4jPeer;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SlowConsumerPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scenarios under pressure with tiny sizes against an in-process sio4j: the open-loop echo, the reconnect storm
 * and the slow consumer each run and count what they should. Checks that they work, not how fast anything is.
 */
class PressureSmokeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void openLoopEchoAnswersEveryEventOfTheMeasuredWindow() throws Exception {
    try (Sio4jPeer server = Sio4jPeer.start(0); LoadGenerator load = load(server)) {
      OpenLoopEcho.Result r = OpenLoopEcho.run(scenarios(load), 5, 200, Duration.ofMillis(200), SECOND,
          Duration.ofSeconds(10), 5);
      assertEquals(200, r.sent(), "one second at 200 events per second, warm-up left out");
      assertEquals(0, r.unanswered());
      assertEquals(200, r.latencies().getTotalCount());
    }
  }

  @Test
  void stormConnectsEveryClientWithRecoveryOn() throws Exception {
    try (Sio4jPeer server = Sio4jPeer.start(0, ServerOptions.builder()
        .connectionStateRecovery(dev.sio4j.server.ConnectionStateRecovery.defaults()).build(), false);
        LoadGenerator load = load(server)) {
      ConnectStorm.Result r = ConnectStorm.run(load, 50, Duration.ofMillis(200), Duration.ofSeconds(15),
          Duration.ofMillis(200));
      assertEquals(50, r.connected(), r.toString());
      assertEquals(50, r.connectTimes().getTotalCount());
      assertTrue(r.allConnectedNanos() > 0);
    }
  }

  @Test
  void theHealthySocketsMissNothingBesideAStalledOne() throws Exception {
    try (Sio4jPeer server = Sio4jPeer.start(0, ServerOptions.builder()
        .slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST)
        .engine(EngineOptions.builder().sendBufferBytes(64 * 1024).build()).build(), true);
        LoadGenerator load = load(server)) {
      boolean[] atEnd = {false};
      SlowConsumerLoad.Result r = SlowConsumerLoad.run(scenarios(load),
          new InetSocketAddress("127.0.0.1", server.port()), 6, true, 300, 100, Duration.ofMillis(200), SECOND,
          Duration.ofSeconds(10), 6, () -> atEnd[0] = true);
      assertEquals(5, r.healthy());
      assertEquals(300, r.broadcasts() - 60, "1.2 s at 300 per second");
      assertEquals(0, r.missed());
      assertTrue(atEnd[0]);
    }
  }

  private static LoadGenerator load(Sio4jPeer server) {
    return new LoadGenerator(new InetSocketAddress("127.0.0.1", server.port()), Dialect.SOCKET_IO, 1, List.of());
  }

  private static Scenarios scenarios(LoadGenerator load) {
    return new Scenarios(load, new ProcProbe(ProcessHandle.current().pid(), System::gc), TIMEOUT, 16, false);
  }
}
