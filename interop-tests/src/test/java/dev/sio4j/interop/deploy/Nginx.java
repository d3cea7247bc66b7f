package dev.sio4j.interop.deploy;

import dev.sio4j.testing.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's nginx ({@code /usr/sbin/nginx}) run as a child process on {@code examples/deploy/nginx.conf}: the file's
 * listen port, node addresses and upstream are replaced, and it is included in a main configuration that keeps every
 * path (pid, logs, temporary files) under a temporary prefix. Stopped (SIGTERM, then killed) on close.
 */
final class Nginx implements AutoCloseable {
  static final Path BINARY = Paths.get("/usr/sbin/nginx");
  private static final Path TEMPLATE = Paths.get("../examples/deploy/nginx.conf");
  private static final List<String> TEMPLATE_NODES =
      List.of("127.0.0.1:3001", "127.0.0.1:3002", "127.0.0.1:3003");

  /** The two upstreams of the template. */
  enum Stickiness {
    IP_HASH("sio4j"), COOKIE("sio4j_by_cookie");

    final String upstream;

    Stickiness(String upstream) {
      this.upstream = upstream;
    }
  }

  private final Process process;
  private final Path prefix;
  private final int port;

  private Nginx(Process process, Path prefix, int port) {
    this.process = process;
    this.prefix = prefix;
    this.port = port;
  }

  /** Starts nginx on a free port in front of the nodes on {@code nodePorts} (one to three). */
  static Nginx start(Stickiness stickiness, List<Integer> nodePorts) throws IOException, InterruptedException {
    int port = freePort();
    Path prefix = Files.createTempDirectory("sio4j-nginx");
    Files.createDirectories(prefix.resolve("logs"));
    Files.createDirectories(prefix.resolve("tmp"));
    Files.writeString(prefix.resolve("sio4j.conf"), siteConfig(stickiness, port, nodePorts));
    Files.writeString(prefix.resolve("nginx.conf"), String.join("\n",
        "worker_processes 1;",
        "pid " + prefix.resolve("nginx.pid") + ";",
        // as root the workers would switch to nobody, who cannot write the temporary prefix
        "user root;",
        "events { worker_connections 4096; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + prefix.resolve("tmp/body") + ";",
        "  proxy_temp_path " + prefix.resolve("tmp/proxy") + ";",
        "  fastcgi_temp_path " + prefix.resolve("tmp/fastcgi") + ";",
        "  uwsgi_temp_path " + prefix.resolve("tmp/uwsgi") + ";",
        "  scgi_temp_path " + prefix.resolve("tmp/scgi") + ";",
        "  include " + prefix.resolve("sio4j.conf") + ";",
        "}", ""));
    Process process = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c",
        prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("logs/error.log").toString(),
        "-g", "daemon off;")
        .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    Nginx nginx = new Nginx(process, prefix, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!nginx.accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = nginx.errorLog();
        nginx.close();
        throw new IllegalStateException("nginx did not start: " + log);
      }
      Thread.sleep(20);
    }
    return nginx;
  }

  /** The template with this run's port, nodes and upstream. */
  static String siteConfig(Stickiness stickiness, int port, List<Integer> nodePorts) throws IOException {
    String config = Files.readString(TEMPLATE);
    config = replaceOnce(config, "listen 80;", "listen 127.0.0.1:" + port + ";");
    config = replaceOnce(config, "proxy_pass http://sio4j;", "proxy_pass http://" + stickiness.upstream + ";");
    StringBuilder out = new StringBuilder();
    for (String line : config.split("\n", -1)) {
      String trimmed = line.trim();
      int node = TEMPLATE_NODES.indexOf(trimmed.replace("server ", "").replaceAll("[ ;].*", ""));
      if (trimmed.startsWith("server 127.0.0.1:") && node >= 0) {
        if (node >= nodePorts.size()) {
          continue;
        }
        line = line.replace(TEMPLATE_NODES.get(node), "127.0.0.1:" + nodePorts.get(node));
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static String replaceOnce(String text, String target, String replacement) {
    int at = text.indexOf(target);
    if (at < 0 || text.indexOf(target, at + 1) >= 0) {
      throw new IllegalStateException("the template must hold '" + target + "' once");
    }
    return text.replace(target, replacement);
  }

  /** {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  String errorLog() {
    try {
      Path log = prefix.resolve("logs/error.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  private boolean accepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
    try (Stream<Path> files = Files.walk(prefix)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind
    }
  }
}
