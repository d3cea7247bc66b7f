package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectionOptions;
import dev.sio4j.client.ConnectErrorException;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TlsOptions;
import dev.sio4j.client.TransportType;
import dev.sio4j.netty.NettyServer;
import dev.sio4j.netty.TlsClientAuth;
import dev.sio4j.server.SocketIoServer;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.CertificatePinner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@link TlsOptions} with a private certificate authority: client-certificate authentication against the Node
 * reference server (which requires one), and trusted certificates, certificate pinning and the hostname check against
 * the sio4j server over TLS, over each transport and the upgrade.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsOptionsClientTest {
  private TestPki pki;
  private NodeTestServer node;
  private SocketIoServer io;
  private NettyServer sio4j;
  // the same application behind mutual TLS: a client certificate from the private authority required
  private NettyServer mutual;

  @BeforeAll
  void start() throws Exception {
    pki = TestPki.create();
    node = NodeTestServer.start(TestServer.Spec.defaults(), ",\"pfx\":\"" + pki.serverStore + "\",\"passphrase\":\""
        + TestPki.PASSWORD + "\",\"ca\":\"" + pki.caPem + "\"");
    io = SocketIoServer.create();
    io.onConnection(socket -> socket.on("ack", e -> e.ack(e.args())));
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(TestPki.load(pki.serverStore), TestPki.PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    sio4j = NettyServer.builder().engine(io.engine()).handlers(io.httpHandlers()).host("127.0.0.1").port(0)
        .tls(context).closeEngine(false).start();
    KeyStore authorities = KeyStore.getInstance(KeyStore.getDefaultType());
    authorities.load(null, null);
    authorities.setCertificateEntry("ca", pki.caCertificate());
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(authorities);
    SSLContext mutualContext = SSLContext.getInstance("TLS");
    mutualContext.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    mutual = NettyServer.builder().engine(io.engine()).handlers(io.httpHandlers()).host("127.0.0.1").port(0)
        .tls(mutualContext).tlsClientAuth(TlsClientAuth.REQUIRE).closeEngine(false).start();
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (io != null) {
      sio4j.close();
      mutual.close();
      io.close();
    }
    if (pki != null) {
      pki.close();
    }
  }

  private TlsOptions.Builder trustingTheCa() throws Exception {
    return TlsOptions.builder().trustedCertificates(List.of(pki.caCertificate()));
  }

  @Test
  void clientCertificateAcceptedByTheNodeServer() throws Exception {
    TlsOptions tls = trustingTheCa()
        .clientCertificate(TestPki.load(pki.clientStore), TestPki.PASSWORD.toCharArray()).build();
    String url = "https://localhost:" + node.port();
    for (TransportType t : TransportType.values()) {
      acknowledges(url, options(tls).transports(t).build(), t.wireName());
    }
    acknowledges(url, options(tls).build(), "websocket");
  }

  @Test
  void noClientCertificateRefusedByTheNodeServer() throws Exception {
    refused("https://localhost:" + node.port(), trustingTheCa().build());
  }

  @Test
  void privateAuthorityAndPinnedKeyWithTheSio4jServer() throws Exception {
    String pin = CertificatePinner.pin(pki.serverCertificate());
    TlsOptions tls = trustingTheCa().certificatePin("localhost", pin).build();
    String url = "https://localhost:" + sio4j.address().getPort();
    for (TransportType t : TransportType.values()) {
      acknowledges(url, options(tls).transports(t).build(), t.wireName());
    }
    acknowledges(url, options(tls).build(), "websocket");
  }

  @Test
  void clientCertificateAcceptedAndRequiredByTheSio4jServer() throws Exception {
    TlsOptions tls = trustingTheCa()
        .clientCertificate(TestPki.load(pki.clientStore), TestPki.PASSWORD.toCharArray()).build();
    String url = "https://localhost:" + mutual.address().getPort();
    for (TransportType t : TransportType.values()) {
      acknowledges(url, options(tls).transports(t).build(), t.wireName());
    }
    acknowledges(url, options(tls).build(), "websocket");
    refused(url, trustingTheCa().build());
  }

  @Test
  void wrongPinUntrustedServerAndFailedHostnameCheckAreRefused() throws Exception {
    String url = "https://localhost:" + sio4j.address().getPort();
    refused(url, trustingTheCa().certificatePin("localhost", "sha256/" + "A".repeat(43) + "=").build());
    // The JDK's authorities: the private one is not among them.
    refused(url, TlsOptions.builder().hostnameVerifier((host, session) -> true).build());
    refused(url, trustingTheCa().hostnameVerifier((host, session) -> false).build());
  }

  /** Connects, waits for {@code transport} (the upgrade, when polling comes first), and gets an acknowledgement. */
  private static void acknowledges(String url, ClientOptions options, String transport) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(url, options);
      ClientScenarios.awaitConnected(socket);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!transport.equals(socket.io().transport()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(transport, socket.io().transport());
      assertEquals("tls", socket.emitWithAck("ack", "tls").get(10, TimeUnit.SECONDS).getString(0));
    }
  }

  private static ClientOptions.Builder options(TlsOptions tls) {
    return ClientOptions.builder().connection(ConnectionOptions.builder().tls(tls).build());
  }

  private static void refused(String url, TlsOptions tls) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(url, options(tls).reconnection(false).build());
      Inbox<ConnectErrorException> errors = new Inbox<>();
      socket.onConnectError(errors::add);
      ConnectErrorException e = errors.await();
      assertNotNull(e.getCause(), "a failed connection, not a refusal by the server");
      assertFalse(socket.connected());
    }
  }
}
