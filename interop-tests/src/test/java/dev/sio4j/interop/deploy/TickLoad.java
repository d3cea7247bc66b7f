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
 * sequence number and its sending time to room "r" every 10 ms, and {@code load.js} runs official npm clients with
 * recovery through the balancer, each in that room and sending an acknowledged "echo" every {@code ackEveryMs}.
 * {@link #finish()} stops the load and returns each client's account (ticks missed and repeated, worst pause and lag,
 * acks failed, recoveries and how long each took).
 *
 * <p>The clients are spread over Node processes of at most {@link #CLIENTS_PER_PROCESS}: one JavaScript thread serves
 * every client of its process, and one that receives a tick every 10 ms for each of hundreds of clients, and sends
 * their echoes, runs its timers and reconnections late by itself, which would be counted against the servers.
 */
final class TickLoad implements AutoCloseable {
  private static final Path LOAD = Paths.get("src/test/node/deploy/load.js");
  private static final long TICK_MILLIS = 10;
  /** Clients per Node process at most. */
  static final int CLIENTS_PER_PROCESS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestNode publisher;
  private final ScheduledExecutorService ticker;
  private final AtomicLong seq = new AtomicLong();
  private final List<NodePeer> peers = new ArrayList<>();
  private final List<Integer> counts = new ArrayList<>();
  private final List<JsonNode> processes = new ArrayList<>();

  private TickLoad(TestNode publisher) {
    this.publisher = publisher;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "tick-publisher");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts the clients on {@code url}, waits until all joined, then starts the ticks. */
  static TickLoad start(String redisUri, String url, int clients, String transports, int ackEveryMs,
      Duration timeout) throws IOException, InterruptedException {
    TickLoad load = new TickLoad(TestNode.start("publisher", 0, redisUri));
    try {
      for (int first = 0; first < clients; first += CLIENTS_PER_PROCESS) {
        int count = Math.min(CLIENTS_PER_PROCESS, clients - first);
        load.peers.add(NodePeer.start(LOAD, url, String.valueOf(count), transports, String.valueOf(ackEveryMs),
            String.valueOf(first)));
        load.counts.add(count);
      }
      for (NodePeer peer : load.peers) {
        peer.awaitLine("ready", timeout);
      }
    } catch (AssertionError | IOException | RuntimeException e) {
      load.close();
      throw e;
    }
    load.ticker.scheduleAtFixedRate(() -> {
      try {
        load.publisher.io.to("r").emit("tick", load.seq.incrementAndGet(), System.currentTimeMillis());
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
    for (NodePeer peer : peers) {
      peer.sendLine("stop-acks");
    }
    // the last ticks and the answers to the last echoes (a retried one waits its ackTimeout)
    Thread.sleep(1_500);
    for (NodePeer peer : peers) {
      peer.sendLine("report");
    }
    List<JsonNode> accounts = new ArrayList<>();
    processes.clear();
    for (int p = 0; p < peers.size(); p++) {
      NodePeer peer = peers.get(p);
      for (int i = 0; i < counts.get(p); i++) {
        accounts.add(json(peer.awaitLine(l -> l.startsWith("client "), Duration.ofSeconds(10))));
      }
      processes.add(json(peer.awaitLine(l -> l.startsWith("process "), Duration.ofSeconds(10))));
      peer.awaitLine("reported", Duration.ofSeconds(10));
      if (!peer.stderr().isEmpty()) {
        System.err.println("load.js: " + peer.stderr());
      }
    }
    return accounts;
  }

  /** What each Node process said of itself at the last {@link #finish()} (CPU time, event loop delays). */
  List<JsonNode> processes() {
    return List.copyOf(processes);
  }

  private static JsonNode json(String line) throws IOException {
    return JSON.readTree(line.substring(line.indexOf('{')));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    for (NodePeer peer : peers) {
      try {
        peer.sendLine("exit");
      } catch (IOException ignored) {
        // the process is gone already
      }
      peer.close();
    }
    publisher.close();
  }
}
