package dev.sio4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A real {@code redis-server} on a free loopback port, without persistence; killed on close. */
public final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts one on a free port and waits until it answers PING (10 s at most). */
  public static RedisServer start() {
    try (ServerSocket probe = new ServerSocket(0)) {
      int port = probe.getLocalPort();
      probe.close();
      return start(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts one on {@code port} (a restart) and waits until it answers PING (10 s at most). */
  public static RedisServer start(int port) {
    try {
      Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      RedisServer server = new RedisServer(process, port);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!server.ping()) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          server.close();
          throw new IllegalStateException("redis-server did not start on port " + port);
        }
        Thread.sleep(20);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[7];
      int n = s.getInputStream().read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** The process id of the redis-server, to signal it (SIGSTOP, SIGCONT). */
  public long pid() {
    return process.pid();
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    ChildProcesses.stop(process);
  }
}
