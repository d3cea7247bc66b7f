package dev.sio4j.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import okhttp3.Dns;

/**
 * Sockets through a SOCKS5 proxy (RFC 1928), authenticating with a username and password (RFC 1929) when given them.
 * The JDK's own SOCKS support takes credentials only from the JVM-wide {@link java.net.Authenticator}; these sockets
 * carry a manager's own. Host names are left to the proxy to resolve, as with the JDK's support: OkHttp is given
 * {@link #PROXY_RESOLVES} as its resolver, whose unspecified address carries the name, which the tunnel request then
 * sends as a domain name. IP literals go as addresses.
 */
final class Socks5SocketFactory extends ProxyTunnelSocketFactory {
  /** A resolver that resolves nothing: the name travels to the proxy with an unspecified address. */
  static final Dns PROXY_RESOLVES = host -> Collections.singletonList(InetAddress.getByAddress(host, new byte[4]));

  private static final int VERSION = 5;
  private static final int NO_AUTHENTICATION = 0x00;
  private static final int USERNAME_PASSWORD = 0x02;
  private static final int NO_ACCEPTABLE_METHOD = 0xFF;
  private static final int CONNECT = 1;
  private static final int IPV4 = 1;
  private static final int DOMAIN_NAME = 3;
  private static final int IPV6 = 4;
  private static final String[] REPLIES = {"succeeded", "general SOCKS server failure",
      "connection not allowed by ruleset", "network unreachable", "host unreachable", "connection refused",
      "TTL expired", "command not supported", "address type not supported"};

  private final byte[] username;
  private final byte[] password;

  /** With {@code username} and {@code password} both {@code null} for a proxy without authentication. */
  Socks5SocketFactory(InetSocketAddress proxy, String username, String password) {
    super(proxy);
    this.username = username == null ? null : username.getBytes(StandardCharsets.UTF_8);
    this.password = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  void openTunnel(Socket socket, InetSocketAddress target) throws IOException {
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    // Method selection (RFC 1928, section 3): no authentication, and username/password when there are credentials.
    out.write(username == null ? new byte[] {VERSION, 1, NO_AUTHENTICATION}
        : new byte[] {VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD});
    out.flush();
    byte[] chosen = readFully(in, 2, "the method selection");
    checkVersion(chosen[0]);
    int method = chosen[1] & 0xFF;
    if (method == USERNAME_PASSWORD && username != null) {
      authenticate(out, in);
    } else if (method != NO_AUTHENTICATION) {
      throw new IOException(method == NO_ACCEPTABLE_METHOD && username == null
          ? "SOCKS5 proxy requires authentication and no credentials were given"
          : "SOCKS5 proxy accepts none of the offered authentication methods (it chose " + method + ")");
    }
    out.write(connectRequest(target));
    out.flush();
    // The reply (section 6): VER REP RSV ATYP BND.ADDR BND.PORT, read to its end so that nothing of the tunnel is lost.
    byte[] head = readFully(in, 4, "the CONNECT request");
    checkVersion(head[0]);
    int reply = head[1] & 0xFF;
    if (reply != 0) {
      throw new IOException("SOCKS5 proxy could not connect to " + target.getHostString() + ":" + target.getPort()
          + ": " + (reply < REPLIES.length ? REPLIES[reply] : "reply " + reply));
    }
    int addressLength = switch (head[3]) {
      case IPV4 -> 4;
      case IPV6 -> 16;
      case DOMAIN_NAME -> readFully(in, 1, "the CONNECT request")[0] & 0xFF;
      default -> throw new IOException("SOCKS5 proxy answered with address type " + head[3]);
    };
    readFully(in, addressLength + 2, "the CONNECT request");
  }

  /** Username/password authentication (RFC 1929, section 2); a status other than 0 is a refusal. */
  private void authenticate(OutputStream out, InputStream in) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(1);
    request.write(username.length);
    request.write(username, 0, username.length);
    request.write(password.length);
    request.write(password, 0, password.length);
    out.write(request.toByteArray());
    out.flush();
    byte[] status = readFully(in, 2, "the credentials");
    if (status[1] != 0) {
      throw new IOException("SOCKS5 proxy refused the credentials (status " + (status[1] & 0xFF) + ")");
    }
  }

  private static byte[] connectRequest(InetSocketAddress target) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(VERSION);
    request.write(CONNECT);
    request.write(0);
    InetAddress address = target.getAddress();
    if (address == null || address.isAnyLocalAddress()) {
      byte[] name = target.getHostString().getBytes(StandardCharsets.US_ASCII);
      if (name.length > 255) {
        throw new IOException("host name too long for SOCKS5: " + target.getHostString());
      }
      request.write(DOMAIN_NAME);
      request.write(name.length);
      request.write(name, 0, name.length);
    } else {
      byte[] raw = address.getAddress();
      request.write(raw.length == 4 ? IPV4 : IPV6);
      request.write(raw, 0, raw.length);
    }
    request.write(target.getPort() >> 8);
    request.write(target.getPort() & 0xFF);
    return request.toByteArray();
  }

  private static void checkVersion(byte version) throws IOException {
    if (version != VERSION) {
      throw new IOException("not a SOCKS5 proxy (version " + (version & 0xFF) + " in its answer)");
    }
  }
}
