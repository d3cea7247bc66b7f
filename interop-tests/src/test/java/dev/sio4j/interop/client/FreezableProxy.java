package dev.sio4j.interop.client;

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
 * A TCP relay in front of a server, which a test can freeze: bytes stop flowing both ways while connections stay
 * open, as with a server that stopped answering. Test support; its threads are daemons named {@code test-proxy}.
 */
final class FreezableProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private boolean frozen;
  private volatile boolean closed;

  FreezableProxy(int port, int upstreamPort) throws IOException {
    this.listener = new ServerSocket();
    this.listener.setReuseAddress(true);
    this.listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    this.upstreamPort = upstreamPort;
    daemon(this::accept).start();
  }

  int port() {
    return listener.getLocalPort();
  }

  void freeze() {
    synchronized (lock) {
      frozen = true;
    }
  }

  void thaw() {
    synchronized (lock) {
      frozen = false;
      lock.notifyAll();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        daemon(() -> pump(client, server)).start();
        daemon(() -> pump(server, client)).start();
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (lock) {
          while (frozen && !closed) {
            lock.wait();
          }
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "test-proxy");
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    thaw();
    closeQuietly(listener);
    sockets.forEach(FreezableProxy::closeQuietly);
  }
}
