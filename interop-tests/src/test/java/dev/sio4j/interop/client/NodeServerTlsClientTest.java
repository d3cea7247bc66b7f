package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectErrorException;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * TLS: the client over {@code https} and {@code wss} to the Node reference server, with a certificate made for the test
 * by {@code keytool}, trusted through {@link ClientOptions.Builder#sslContext}; an untrusted certificate is refused.
 * (The sio4j server's Netty binding has no TLS yet.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeServerTlsClientTest {
  private static final String PASSWORD = "sio4j-test";
  private Path dir;
  private NodeTestServer server;
  private SSLContext trusting;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("sio4j-tls");
    Path store = dir.resolve("server.p12");
    String keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
        "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    Certificate cert = keys.getCertificate("server");
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("server", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);

    String json = store.toString().replace("\\", "\\\\");
    server = NodeTestServer.start(TestServer.Spec.defaults(),
        ",\"pfx\":\"" + json + "\",\"passphrase\":\"" + PASSWORD + "\"");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private String url() {
    return "https://localhost:" + server.port();
  }

  @Test
  void everyTransportOverTls() throws Exception {
    for (TransportType t : TransportType.values()) {
      try (SocketIoClient client = new SocketIoClient()) {
        Socket socket = client.socket(url(), ClientOptions.builder().sslContext(trusting).transports(t).build());
        ClientScenarios.awaitConnected(socket);
        assertEquals(t.wireName(), ClientScenarios.whoami(socket).get("transport").asText());
        assertEquals("secure", socket.emitWithAck("ack", "secure").get(10, TimeUnit.SECONDS).getString(0));
      }
    }
  }

  @Test
  void upgradeOverTls() throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(url(), ClientOptions.builder().sslContext(trusting).build());
      ClientScenarios.awaitConnected(socket);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!"websocket".equals(socket.io().transport()) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals("websocket", ClientScenarios.whoami(socket).get("transport").asText());
    }
  }

  @Test
  void untrustedCertificateIsRefused() throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(url(), ClientOptions.builder().reconnection(false).build());
      Inbox<ConnectErrorException> errors = new Inbox<>();
      socket.onConnectError(errors::add);
      ConnectErrorException e = errors.await();
      assertNotNull(e.getCause(), "a connection failure, not a refusal by the server");
      assertFalse(socket.connected());
    }
  }
}
