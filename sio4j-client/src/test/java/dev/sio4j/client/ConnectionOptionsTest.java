package dev.sio4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ConnectionOptionsTest {
  @Test
  void defaultsAreTheJsClients() {
    ConnectionOptions o = ClientOptions.defaults().connection();
    assertNull(o.httpClient());
    assertTrue(o.cookies());
    assertNull(o.tls());
    assertNull(o.proxy());
    assertTrue(o.timestampRequests());
    assertEquals("t", o.timestampParam());
    assertTrue(o.addTrailingSlash());
    assertNull(o.headers());
    assertFalse(o.closeOnJvmShutdown());
    assertTrue(ClientOptions.defaults().autoConnect());
  }

  @Test
  void httpClientShortcutKeepsTheOtherConnectionOptions() {
    OkHttpClient http = new OkHttpClient();
    ClientOptions o = ClientOptions.builder().connection(ConnectionOptions.builder().cookies(false).build())
        .httpClient(http).build();
    assertSame(http, o.connection().httpClient());
    assertFalse(o.connection().cookies());
    assertSame(http, o.toBuilder().build().connection().httpClient());
  }

  @Test
  void settersValidate() {
    ConnectionOptions.Builder b = ConnectionOptions.builder();
    assertThrows(IllegalArgumentException.class, () -> b.timestampParam("sid"));
    assertThrows(IllegalArgumentException.class, () -> b.timestampParam(" "));
    assertThrows(NullPointerException.class, () -> b.headers(null));
    assertThrows(IllegalArgumentException.class, () -> ProxyOptions.http("proxy.test", 0));
    assertThrows(IllegalArgumentException.class,
        () -> ProxyOptions.socks("proxy.test", 1080).withCredentials("u".repeat(256), "p"));
    assertThrows(IllegalArgumentException.class,
        () -> ProxyOptions.socks("proxy.test", 1080).withCredentials("u", "\u00e9".repeat(128)));
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().certificatePin("example.test"));
    assertThrows(IllegalArgumentException.class, () -> TlsOptions.builder().trustedCertificates(java.util.List.of()));
  }

  @Test
  void proxyOptions() {
    ProxyOptions p = ProxyOptions.http("proxy.test", 3128).withCredentials("user", "secret");
    assertEquals(Proxy.Type.HTTP, p.type());
    assertEquals("user", p.username());
    InetSocketAddress a = (InetSocketAddress) p.toProxy().address();
    assertTrue(a.isUnresolved(), "the proxy's name is resolved when connecting");
    assertEquals(3128, a.getPort());
    assertFalse(p.toString().contains("secret"));
    ProxyOptions socks = ProxyOptions.socks("proxy.test", 1080).withCredentials("user", "s".repeat(255));
    assertEquals(Proxy.Type.SOCKS, socks.type());
    assertEquals("user", socks.username());
  }

  @Test
  void sslContextExcludesTlsManagers() throws Exception {
    TlsOptions pinsOnly = TlsOptions.builder().certificatePin("example.test", "sha256/" + "A".repeat(43) + "=")
        .build();
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getDefault();
    ClientOptions.builder().sslContext(context).connection(ConnectionOptions.builder().tls(pinsOnly).build()).build();
    TlsOptions trust = TlsOptions.builder().trustManager(new NoTrust()).build();
    assertThrows(IllegalArgumentException.class, () -> ClientOptions.builder().sslContext(context)
        .connection(ConnectionOptions.builder().tls(trust).build()).build());
  }

  private static final class NoTrust implements javax.net.ssl.X509TrustManager {
    @Override
    public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0];
    }
  }
}
