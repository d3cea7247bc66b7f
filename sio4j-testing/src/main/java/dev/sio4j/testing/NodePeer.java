package dev.sio4j.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node.js process running one of the official npm packages as a real peer of a test.
 *
 * <p>The packages live in the repository's {@code node/} folder ({@code npm ci --prefix node}); the process gets
 * {@code NODE_PATH} pointing at its {@code node_modules}, so a script anywhere can {@code require("socket.io-client")}.
 * Each line the script prints on standard output is queued for {@link #awaitLine}; standard error is kept for
 * failure messages. {@link #close()} kills the process.
 */
public final class NodePeer implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final StringBuffer stderr = new StringBuffer();

  private NodePeer(Process process) {
    this.process = process;
    Thread out = new Thread(() -> pump(new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true), "node-stdout");
    Thread err = new Thread(() -> pump(new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false), "node-stderr");
    out.setDaemon(true);
    err.setDaemon(true);
    out.start();
    err.start();
  }

  /** Starts {@code node script args...}. */
  public static NodePeer start(Path script, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(script.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("NODE_PATH", nodeModules().toString());
    return new NodePeer(builder.start());
  }

  /** Writes {@code source} to a temporary file and runs it with {@code node}. */
  public static NodePeer startScript(String source, String... args) throws IOException {
    Path file = Files.createTempFile("sio4j-peer", ".js");
    file.toFile().deleteOnExit();
    Files.writeString(file, source);
    return start(file, args);
  }

  /** The repository's {@code node/node_modules} folder, found by walking up from the working directory. */
  public static Path nodeModules() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("node").resolve("node_modules");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("node/node_modules not found above " + Paths.get("").toAbsolutePath()
        + ": run 'npm ci --prefix node' at the repository's root");
  }

  private void pump(BufferedReader reader, boolean stdout) {
    try (reader) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (stdout) {
          lines.add(line);
        } else {
          stderr.append(line).append('\n');
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** Waits for the next standard-output line matching {@code match}, skipping others; fails after {@code timeout}. */
  public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      if (line == null) {
        throw new AssertionError("no matching line from node within " + timeout + "; lines: " + seen
            + "; stderr: " + stderr + (process.isAlive() ? "" : "; exit code " + process.exitValue()));
      }
      synchronized (seen) {
        seen.add(line);
      }
      if (match.test(line)) {
        return line;
      }
    }
  }

  /** Waits for a line equal to {@code expected}. */
  public String awaitLine(String expected, Duration timeout) throws InterruptedException {
    return awaitLine(expected::equals, timeout);
  }

  /** Sends one line to the script's standard input. */
  public void sendLine(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  /** Waits for the process to end and returns its exit code. */
  public int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("node did not exit within " + timeout + "; stderr: " + stderr);
    }
    return process.exitValue();
  }

  /** What the script printed on standard error so far. */
  public String stderr() {
    return stderr.toString();
  }

  /** The underlying process. */
  public Process process() {
    return process;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
