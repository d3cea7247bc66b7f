package dev.sio4j.interop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.testing.NodePeer;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load on a cluster: a publisher node (a cluster member no client connects to) broadcasts "tick" with a
 * sequence number to room "r" every 10 ms, and {@code load.js} runs official npm clients with recovery through the
 * balancer, each in that room and sending an acknowledged "echo" every {@code ackEveryMs}. {@link #finish()} stops the
 * load and returns each client's account (ticks missed and repeated, worst pause, acks failed, recoveries).
 */
final class TickLoad implements AutoCloseable {
  private static final Path LOAD = Paths.get("src/test/node/deploy/load.js");
  private static final long TICK_MILLIS = 10;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestNode publisher;
  private final ScheduledExecutorService ticker;
  private final AtomicLong seq = new AtomicLong();
  private final NodePeer peer;
  private final int clients;

  private TickLoad(TestNode publisher, NodePeer peer, int clients) {
    this.publisher = publisher;
    this.peer = peer;
    this.clients = clients;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "tick-publisher");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the clients on {@code url}, waits until all joined, then starts the ticks. */
  static TickLoad start(String redisUri, String url, int clients, String transports, int ackEveryMs,
      Duration timeout) throws IOException, InterruptedException {
    TestNode publisher = TestNode.start("publisher", 0, redisUri);
    NodePeer peer = NodePeer.start(LOAD, url, String.valueOf(clients), transports, String.valueOf(ackEveryMs));
    TickLoad load = new TickLoad(publisher, peer, clients);
    try {
      peer.awaitLine("ready", timeout);
    } catch (AssertionError | RuntimeException e) {
      load.close();
      throw e;
    }
    load.ticker.scheduleAtFixedRate(() -> {
      try {
        publisher.io.to("r").emit("tick", load.seq.incrementAndGet());
      } catch (RuntimeException e) {
        // a failing tick must not stop the ones after it (a fixed-rate task that throws is never run again)
        e.printStackTrace();
      }
    }, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    return load;
  }

  /** The last sequence number broadcast. */
  long lastSeq() {
    return seq.get();
  }

  /**
   * Stops the ticks and the echoes, lets the last ones arrive, and returns the clients' accounts (see
   * {@code load.js}), in client order.
   */
  List<JsonNode> finish() throws IOException, InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    peer.sendLine("stop-acks");
    // the last ticks and the answers to the last echoes (a retried one waits its ackTimeout)
    Thread.sleep(1_500);
    peer.sendLine("report");
    List<JsonNode> accounts = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String line = peer.awaitLine(l -> l.startsWith("client "), Duration.ofSeconds(10));
      accounts.add(JSON.readTree(line.substring(line.indexOf('{'))));
    }
    peer.awaitLine("reported", Duration.ofSeconds(10));
    if (!peer.stderr().isEmpty()) {
      System.err.println("load.js: " + peer.stderr());
    }
    return accounts;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      peer.sendLine("exit");
    } catch (IOException ignored) {
      // the process is gone already
    }
    peer.close();
    publisher.close();
  }
}
