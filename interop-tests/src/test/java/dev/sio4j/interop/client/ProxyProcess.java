package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real proxy for a test, run from its Debian package on a free port of 127.0.0.1: {@code tinyproxy} (an HTTP proxy,
 * with Basic authentication when given credentials) or {@code microsocks} (SOCKS5). A test is skipped, saying which
 * package is missing, when the binary is absent. {@link #close()} ends the process.
 */
final class ProxyProcess implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final Path log;
  final int port;

  private ProxyProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.log = dir.resolve("proxy.log");
    this.port = port;
  }

  /** tinyproxy; {@code user} and {@code password} (or {@code null}) for BasicAuth. */
  static ProxyProcess tinyproxy(String user, String password) throws Exception {
    Path binary = binary("tinyproxy");
    Path dir = Files.createTempDirectory("sio4j-tinyproxy");
    int port = freePort();
    // No ConnectPort line: CONNECT is allowed to any port (the test server's is random).
    String config = "Port " + port + "\nListen 127.0.0.1\nTimeout 60\nMaxClients 100\nLogLevel Connect\n"
        + "Allow 127.0.0.1\n" + (user == null ? "" : "BasicAuth " + user + " " + password + "\n");
    Path conf = Files.writeString(dir.resolve("tinyproxy.conf"), config);
    return start(dir, port, binary.toString(), "-d", "-c", conf.toString());
  }

  /** microsocks, without authentication. */
  static ProxyProcess microsocks() throws Exception {
    return microsocks(null, null);
  }

  /** microsocks; {@code user} and {@code password} (or {@code null}) for username/password authentication. */
  static ProxyProcess microsocks(String user, String password) throws Exception {
    Path binary = binary("microsocks");
    int port = freePort();
    List<String> command = new java.util.ArrayList<>(
        List.of(binary.toString(), "-i", "127.0.0.1", "-p", Integer.toString(port)));
    if (user != null) {
      command.addAll(List.of("-u", user, "-P", password));
    }
    return start(Files.createTempDirectory("sio4j-microsocks"), port, command.toArray(String[]::new));
  }

  private static ProxyProcess start(Path dir, int port, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("proxy.log").toFile()).start();
    ProxyProcess proxy = new ProxyProcess(p, dir, port);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return proxy;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(20);
      }
    }
    String out = proxy.log();
    proxy.close();
    throw new IllegalStateException(command[0] + " did not start: " + out);
  }

  private static Path binary(String name) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    assumeTrue(false, name + " is not installed (Debian package: apt-get install -y " + name + ")");
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** What the proxy logged so far. */
  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }
}
