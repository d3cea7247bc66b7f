package dev.sio4j.interop.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a fixed port whose upstream a test switches: a client keeps one URL while the server behind it
 * changes, as behind a load balancer. {@link #cut()} closes every relayed connection and refuses new ones until
 * {@link #switchTo} names the next server. Test support; its threads are daemons named {@code test-proxy}.
 */
final class SwitchableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile int upstreamPort;
  private volatile boolean closed;

  SwitchableProxy(int upstreamPort) throws IOException {
    this.listener = new ServerSocket();
    this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.upstreamPort = upstreamPort;
    daemon(this::accept).start();
  }

  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** Closes every relayed connection; new ones are refused until {@link #switchTo}. */
  void cut() {
    upstreamPort = -1;
    closeAll();
  }

  /** New connections go to {@code port} from now on. */
  void switchTo(int port) {
    upstreamPort = port;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        int port = upstreamPort;
        if (port <= 0) {
          client.close();
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), port);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        daemon(() -> pump(client, server)).start();
        daemon(() -> pump(server, client)).start();
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // one side closed: close both below
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeAll() {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "test-proxy");
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    closeAll();
  }
}
