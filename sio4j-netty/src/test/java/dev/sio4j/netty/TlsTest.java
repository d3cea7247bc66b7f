package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and WSS: a self-signed certificate made by keytool, served from an {@link javax.net.ssl.SSLContext} and from
 * PEM files; the JDK's HTTP and WebSocket clients and the official npm engine.io-client (trusting only that
 * certificate) open sessions that report {@code secure}.
 */
class TlsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Path CLIENT = Path.of("src/test/node/tls-client.js");
  private static SelfSignedCertificate certificate;
  private static HttpClient https;

  @BeforeAll
  static void createCertificate() throws Exception {
    certificate = SelfSignedCertificate.create();
    https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(certificate.clientContext())
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void deleteCertificate() throws Exception {
    certificate.delete();
  }

  private static TestServer startFromContext() throws Exception {
    var context = certificate.serverContext();
    return TestServer.startWith(b -> b, n -> n.tls(context));
  }

  private static TestServer startFromPem() throws Exception {
    return TestServer.startWith(b -> b, n -> {
      try {
        return n.tls(certificate.certificatePem, certificate.privateKeyPem, null);
      } catch (SSLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String httpsUrl(TestServer server, String query) {
    return "https://localhost:" + server.port() + server.engine.options().path() + "?EIO=4&" + query;
  }

  @Test
  void pollingOverHttpsWithTheJdkClient() throws Exception {
    try (TestServer server = startFromContext()) {
      assertTrue(server.server.isSecure());
      HttpResponse<String> open = https.send(HttpRequest.newBuilder(URI.create(httpsUrl(server, "transport=polling")))
          .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, open.statusCode());
      String sid = Http.sid(open.body());
      // the handshake's answer may overtake the listener's onOpen
      server.events.await("open " + sid);
      EngineSocket socket = server.events.sockets.get(sid);
      assertTrue(socket.request().secure(), "EngineRequest.secure() over TLS");
      HttpResponse<String> post = https.send(HttpRequest.newBuilder(URI.create(httpsUrl(server,
          "transport=polling&sid=" + sid))).timeout(WAIT).POST(HttpRequest.BodyPublishers.ofString("4hello")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("ok", post.body());
      HttpResponse<String> get = https.send(HttpRequest.newBuilder(URI.create(httpsUrl(server,
          "transport=polling&sid=" + sid))).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals("4hello", get.body());
    }
  }

  @Test
  void webSocketOverWssWithTheJdkClient() throws Exception {
    try (TestServer server = startFromPem()) {
      WsClient client = new WsClient();
      client.socket = https.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + server.port()
          + "/engine.io/?EIO=4&transport=websocket"), client).get(10, TimeUnit.SECONDS);
      String open = client.received.poll(10, TimeUnit.SECONDS);
      assertTrue(open != null && open.startsWith("0{"), String.valueOf(open));
      String sid = Http.sid(open);
      server.events.await("open " + sid);
      assertTrue(server.events.sockets.get(sid).request().secure());
      client.socket.sendText("4über", true).join();
      assertEquals("4über", client.received.poll(10, TimeUnit.SECONDS));
      client.socket.sendClose(1000, "").join();
      server.events.awaitClose(sid);
    }
  }

  @Test
  void officialClientPollingThenUpgradeOverTls() throws Exception {
    try (TestServer server = startFromPem();
        NodePeer peer = NodePeer.start(CLIENT, "https://localhost:" + server.port(), "polling,websocket",
            certificate.certificatePem.toString())) {
      String sid = awaitOpen(peer, "polling");
      server.events.await("open " + sid);
      peer.awaitLine("upgrade websocket", WAIT);
      exchange(peer);
      EngineSocket socket = server.events.sockets.get(sid);
      assertTrue(socket.request().secure());
      assertEquals("websocket", socket.transport());
      peer.sendLine("close");
      assertEquals("transport close", server.events.awaitClose(sid).reason());
    }
  }

  @Test
  void officialClientWebSocketOnlyOverTls() throws Exception {
    try (TestServer server = startFromContext();
        NodePeer peer = NodePeer.start(CLIENT, "https://127.0.0.1:" + server.port(), "websocket",
            certificate.certificatePem.toString())) {
      String sid = awaitOpen(peer, "websocket");
      server.events.await("open " + sid);
      exchange(peer);
      assertTrue(server.events.sockets.get(sid).request().secure());
    }
  }

  @Test
  void plainHttpOnTheTlsPortIsDroppedWithoutHarmingOthers() throws Exception {
    try (TestServer server = startFromContext()) {
      try (Socket raw = new Socket("127.0.0.1", server.port())) {
        raw.setSoTimeout(10_000);
        OutputStream out = raw.getOutputStream();
        out.write("GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = raw.getInputStream();
        // the TLS handler refuses a record that is not TLS and closes: no HTTP answer, only the end of the stream
        byte[] rest = in.readAllBytes();
        assertTrue(!new String(rest, StandardCharsets.ISO_8859_1).startsWith("HTTP/"), "no plain-text answer");
      }
      HttpResponse<String> open = https.send(HttpRequest.newBuilder(URI.create(httpsUrl(server, "transport=polling")))
          .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, open.statusCode());
    }
  }

  @Test
  void unreadablePemFilesAreRefusedAtBuildTime() {
    Path missing = certificate.dir.resolve("missing.pem");
    assertThrows(SSLException.class, () -> NettyServer.builder().tls(missing, certificate.privateKeyPem, null));
    assertThrows(SSLException.class,
        () -> NettyServer.builder().tls(certificate.privateKeyPem, certificate.privateKeyPem, null));
  }

  private static String awaitOpen(NodePeer peer, String transport) throws InterruptedException {
    String line = peer.awaitLine(l -> l.startsWith("open "), WAIT);
    String[] parts = line.split(" ");
    assertEquals(transport, parts[2], line);
    return parts[1];
  }

  private static void exchange(NodePeer peer) throws Exception {
    peer.sendLine("send héllo");
    peer.awaitLine("message héllo", WAIT);
    peer.sendLine("sendbin 00ff");
    peer.awaitLine("binary 00ff", WAIT);
  }
}
