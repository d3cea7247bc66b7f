package dev.sio4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis Cluster of {@code masters} masters and no replicas on loopback: one {@code redis-server
 * --cluster-enabled yes} per node, each in a temporary directory of its own (its {@code nodes.conf}), joined by
 * {@code redis-cli --cluster create}. Each node needs its port and the cluster bus port (port + 10000) free. Killed, and
 * its directories deleted, on close.
 */
public final class RedisCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Path> dirs = new ArrayList<>();

  private RedisCluster() {}

  /** Starts the nodes, creates the cluster and waits until every node says {@code cluster_state:ok} (30 s at most). */
  public static RedisCluster start(int masters) {
    RedisCluster cluster = new RedisCluster();
    try {
      for (int i = 0; i < masters; i++) {
        cluster.startNode(freePortWithBus(cluster.ports));
      }
      List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      cluster.ports.forEach(p -> command.add("127.0.0.1:" + p));
      command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed: " + output);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int port : cluster.ports) {
        while (!cli(port, "cluster", "info").contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the cluster did not become ok: " + cli(port, "cluster", "info"));
          }
          Thread.sleep(50);
        }
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cluster.close();
      throw new IllegalStateException(e);
    }
  }

  private void startNode(int port) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("sio4j-redis-cluster-" + port);
    dirs.add(dir);
    Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
        "--cluster-node-timeout", "5000", "--dir", dir.toString(), "--save", "", "--appendonly", "no")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    processes.add(process);
    ports.add(port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!cli(port, "ping").contains("PONG")) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("redis-server did not start on port " + port);
      }
      Thread.sleep(20);
    }
  }

  private static String cli(int port, String... args) {
    List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** A port free with its bus port (+10000), not among {@code taken}. */
  private static int freePortWithBus(List<Integer> taken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (!taken.contains(port) && free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The nodes' URIs, {@code redis://127.0.0.1:<port>}. */
  public List<String> uris() {
    return ports.stream().map(p -> "redis://127.0.0.1:" + p).toList();
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory left behind
      }
    }
  }
}
