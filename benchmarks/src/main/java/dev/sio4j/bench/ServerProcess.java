package dev.sio4j.bench;

import dev.sio4j.bench.loadgen.ProcProbe;
import dev.sio4j.bench.loadgen.ServerProbe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server under test running as its own process, speaking the runner's line protocol on standard input and output
 * (see {@code PeerMain}): {@code listening <port>} once bound, {@code gc} / {@code gc done}, exit when standard input
 * closes. Its standard error goes to a log file.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final int port;

  private ServerProcess(Process process) throws Exception {
    this.process = process;
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "server-stdout");
    pump.setDaemon(true);
    pump.start();
    String line = await(l -> l.startsWith("listening "), 60);
    this.port = Integer.parseInt(line.substring("listening ".length()).trim());
  }

  static ServerProcess start(List<String> command, Map<String, String> env, Path log) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return new ServerProcess(builder.start());
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  ProcProbe probe(ProcProbe.ConnectedHook hook) {
    return new ProcProbe(process.pid(), this::gc, hook, this::heapAndDirect);
  }

  /**
   * The server's live heap after a full collection and its direct buffers: the JDK's pool plus Netty's own count of
   * the buffers it allocates outside that pool (-1 when it allocates none there); Node's peer answers its heap in use
   * and its external memory (Buffers) as the same words.
   */
  private ServerProbe.Memory heapAndDirect() throws Exception {
    Map<String, String> m = memory();
    long direct = Long.parseLong(m.getOrDefault("direct", "0"))
        + Math.max(0, Long.parseLong(m.getOrDefault("netty_direct", "-1")));
    return new ServerProbe.Memory(Long.parseLong(m.get("heap_after_gc")), direct);
  }

  void gc() throws Exception {
    OutputStream in = process.getOutputStream();
    in.write("gc\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    await("gc done"::equals, 60);
  }

  /**
   * The server's memory after a full collection and its own counters, as {@code name=value} words (see
   * {@code PeerMain}; the Node and netty-socketio peers answer the memory words alone).
   */
  Map<String, String> memory() throws Exception {
    OutputStream in = process.getOutputStream();
    in.write("memory\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String word : await(l -> l.startsWith("memory "), 60).substring(7).trim().split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq > 0) {
        values.put(word.substring(0, eq), word.substring(eq + 1));
      }
    }
    return values;
  }

  private String await(java.util.function.Predicate<String> match, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? lines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS)
          : null;
      if (line != null && match.test(line)) {
        return line;
      }
      if (line == null && (!process.isAlive() || left <= 0)) {
        throw new IllegalStateException("server process " + (process.isAlive() ? "did not answer in time"
            : "exited with " + process.exitValue()) + " (see its log)");
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // already gone
    }
    // a JVM that writes a class-data archive or an AOT cache as it exits takes a while
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
