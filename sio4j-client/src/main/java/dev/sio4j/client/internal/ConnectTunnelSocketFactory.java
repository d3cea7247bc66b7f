package dev.sio4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sockets that reach a plain-HTTP server through an HTTP proxy's {@code CONNECT} tunnel (RFC 9110, section 9.3.6).
 * A WebSocket goes through a proxy that way, as RFC 6455 (section 4.1) asks and browsers do: a proxy forwarding
 * requests drops the hop-by-hop {@code Upgrade} header. OkHttp tunnels only for TLS, so for {@code ws://} the
 * WebSocket client connects "directly" through these sockets instead. Basic credentials, when given, are sent with
 * the {@code CONNECT} at once.
 */
final class ConnectTunnelSocketFactory extends ProxyTunnelSocketFactory {
  /** A bound on the proxy's answer to {@code CONNECT}, which is a status line and a few headers. */
  private static final int MAX_RESPONSE_HEAD = 16 * 1024;

  private final String authority;
  private final String proxyAuthorization;

  /**
   * @param authority the target, {@code host:port}, as the request target of the {@code CONNECT}
   * @param proxyAuthorization a {@code Proxy-Authorization} value, or {@code null}
   */
  ConnectTunnelSocketFactory(InetSocketAddress proxy, String authority, String proxyAuthorization) {
    super(proxy);
    this.authority = authority;
    this.proxyAuthorization = proxyAuthorization;
  }

  @Override
  void openTunnel(Socket socket, InetSocketAddress target) throws IOException {
    OutputStream out = socket.getOutputStream();
    StringBuilder request = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
        .append(authority).append("\r\n");
    if (proxyAuthorization != null) {
      request.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
    }
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    String head = readHead(socket.getInputStream());
    String status = head.substring(0, Math.max(0, head.indexOf("\r\n")));
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[1].startsWith("2")) {
      throw new IOException("proxy refused CONNECT " + authority + ": " + status);
    }
  }

  /** The response head, up to its blank line; byte by byte, so that nothing of the tunnel is read ahead. */
  private String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0 || head.size() >= MAX_RESPONSE_HEAD) {
        throw new IOException("proxy closed or oversized answer to CONNECT " + authority);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return new String(head.toByteArray(), StandardCharsets.ISO_8859_1);
  }
}
