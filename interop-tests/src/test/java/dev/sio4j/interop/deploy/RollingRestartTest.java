package dev.sio4j.interop.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.interop.deploy.Nginx.Stickiness;
import dev.sio4j.testing.RedisServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart under load: three nodes on the Redis streams adapter behind nginx (sticky by route cookie, so the
 * clients spread over the nodes), official npm clients with recovery each receiving a broadcast every 10 ms and sending
 * an acknowledged emit every 100 ms; each node in turn is drained, stopped, and replaced by a fresh one on its port.
 * No client misses a broadcast or sees one twice, no acknowledged emit fails, and every reconnection is a recovery.
 * Printed, not asserted (timings belong to the benchmarks): per client, the worst pause (longest time between two
 * broadcasts) and the worst lag of a broadcast; per reconnection, the time from the disconnection to the recovered
 * connection; per Node process, its CPU time and event loop delays.
 *
 * <p>200 clients by default, the product's figure (about half a minute on two cores); {@code
 * -Dsio4j.rollingClients=30} for a quicker run.
 */
@Tag("environment")
class RollingRestartTest {
  private static final int CLIENTS = Integer.getInteger("sio4j.rollingClients", 200);
  private static final Duration DRAIN = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void everyNodeRestartedInTurnWithoutALostEvent() throws Exception {
    assumeTrue(Files.isExecutable(Nginx.BINARY), "Debian's nginx is not installed");
    List<TestNode> live = new ArrayList<>();
    List<TestNode> all = new ArrayList<>();
    try (RedisServer redis = RedisServer.start()) {
      for (String name : List.of("a", "b", "c")) {
        live.add(TestNode.start(name, 0, redis.uri()));
      }
      all.addAll(live);
      try (Nginx nginx = Nginx.start(Stickiness.COOKIE, live.stream().map(n -> n.port).toList());
          TickLoad load = TickLoad.start(redis.uri(), nginx.url(), CLIENTS, "websocket", 100, TIMEOUT)) {
        Thread.sleep(500);
        int moved = 0;
        for (int i = 0; i < live.size(); i++) {
          TestNode old = live.get(i);
          moved += old.io.engine().sessionCount();
          old.io.drain(DRAIN).get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
          old.close();
          TestNode fresh = TestNode.start(old.name + "'", old.port, redis.uri());
          live.set(i, fresh);
          all.add(fresh);
          String missing = awaitRecovered(all, moved);
          if (missing != null) {
            // the clients' own account says why
            load.finish().forEach(account -> System.out.println("rolling restart: " + account));
            load.processes().forEach(p -> System.out.println("rolling restart: load.js process " + p));
            String log = nginx.errorLog();
            throw new AssertionError(missing + "\nnginx: " + log.substring(Math.max(0, log.length() - 4000)));
          }
          Thread.sleep(300);
        }
        List<JsonNode> accounts = load.finish();
        List<Integer> pauses = new ArrayList<>();
        List<Integer> lags = new ArrayList<>();
        List<Integer> reconnects = new ArrayList<>();
        int reconnections = 0;
        for (JsonNode account : accounts) {
          String text = account.toString();
          assertEquals(0, account.get("missed").asInt(), text);
          assertEquals(0, account.get("repeated").asInt(), text);
          assertEquals(0, account.get("ackFailed").asInt(), text);
          assertEquals(0, account.get("notRecovered").asInt(), "every reconnection recovered: " + text);
          assertEquals(load.lastSeq(), account.get("last").asLong(), text);
          assertTrue(account.get("acked").asInt() > 0, text);
          pauses.add(account.get("worstPauseMs").asInt());
          lags.add(account.get("worstLagMs").asInt());
          account.get("reconnectMs").forEach(ms -> reconnects.add(ms.asInt()));
          reconnections += account.get("recovered").asInt();
        }
        // at least one per connection a drain closed; on a starved machine a client may also miss the nodes' short
        // heartbeat and reconnect once more, which is a recovery too (every reconnection is one, checked above)
        assertTrue(reconnections >= moved, reconnections + " recoveries for " + moved + " connections drains closed");
        System.out.printf("rolling restart: %d clients, %d recoveries, %d broadcasts each, 0 missed, 0 repeated;"
            + " worst pause per client %s; worst tick lag per client %s; disconnection to recovered connection %s%n",
            CLIENTS, reconnections, load.lastSeq(), spread(pauses), spread(lags), spread(reconnects));
        load.processes().forEach(p -> System.out.println("rolling restart: load.js process " + p));
        accounts.stream().max(Comparator.comparingInt(a -> a.get("worstPauseMs").asInt()))
            .ifPresent(a -> System.out.println("rolling restart: the client with the longest pause " + a));
      }
    } finally {
      live.forEach(TestNode::close);
    }
  }

  /** "median m ms, max n ms" of {@code values}. */
  private static String spread(List<Integer> values) {
    if (values.isEmpty()) {
      return "none";
    }
    List<Integer> sorted = values.stream().sorted().toList();
    return "median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1) + " ms";
  }

  /** Waits until the nodes (past and present) recovered {@code count} sockets in all; null, or what was missing. */
  private static String awaitRecovered(List<TestNode> nodes, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (nodes.stream().mapToInt(n -> n.recovered.get()).sum() < count) {
      if (System.nanoTime() > deadline) {
        return count + " recoveries expected, nodes recovered/open " + nodes.stream()
            .map(n -> n.name + "=" + n.recovered.get() + "/" + n.io.engine().sessionCount()).toList();
      }
      Thread.sleep(20);
    }
    return null;
  }
}
