package dev.sio4j.client.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Sockets that reach their target through a proxy: each connects to the proxy, then asks it, in the proxy's own
 * protocol, for a tunnel to the address it was asked to connect to; what the socket carries afterwards goes through
 * that tunnel. The handshake is bounded by the connect timeout.
 */
abstract class ProxyTunnelSocketFactory extends SocketFactory {
  private final InetSocketAddress proxy;

  ProxyTunnelSocketFactory(InetSocketAddress proxy) {
    this.proxy = proxy;
  }

  /**
   * Asks the proxy, which {@code socket} is connected to, for a tunnel to {@code target}; returns once the tunnel
   * is open, or throws (the caller closes the socket).
   */
  abstract void openTunnel(Socket socket, InetSocketAddress target) throws IOException;

  @Override
  public Socket createSocket() {
    return new TunnelSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress target) throws IOException {
    Socket s = createSocket();
    s.connect(target);
    return s;
  }

  /** Reads exactly {@code n} bytes, no more: what follows belongs to the tunnel. */
  static byte[] readFully(InputStream in, int n, String what) throws IOException {
    byte[] b = new byte[n];
    int read = 0;
    while (read < n) {
      int r = in.read(b, read, n - read);
      if (r < 0) {
        throw new EOFException("proxy closed the connection while answering " + what);
      }
      read += r;
    }
    return b;
  }

  private final class TunnelSocket extends Socket {
    @Override
    public void connect(SocketAddress target, int timeout) throws IOException {
      // The target is the proxy's to reach: connect to the proxy and ask it for a tunnel.
      InetSocketAddress to = proxy.isUnresolved() ? new InetSocketAddress(proxy.getHostString(), proxy.getPort())
          : proxy;
      super.connect(to, timeout);
      int previous = getSoTimeout();
      setSoTimeout(timeout);
      try {
        openTunnel(this, (InetSocketAddress) target);
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      } finally {
        if (!isClosed()) {
          setSoTimeout(previous);
        }
      }
    }
  }
}
