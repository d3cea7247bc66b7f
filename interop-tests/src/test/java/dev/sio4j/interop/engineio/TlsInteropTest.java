package dev.sio4j.interop.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.netty.NettyServer;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole stack over TLS: a Socket.IO server on a {@link NettyServer} given an {@link SSLContext} (a certificate
 * keytool makes for the test), and the official npm {@code socket.io-client} trusting only that certificate, over
 * https long-polling and over wss.
 */
class TlsInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final String CLIENT = """
      const { io } = require("socket.io-client");
      const fs = require("fs");
      const [url, ca, transport] = process.argv.slice(2);
      const socket = io(url, { ca: fs.readFileSync(ca), transports: [transport] });
      socket.on("connect", () => socket.emit("hello", socket.io.engine.transport.name,
          (answer) => console.log(`ack ${answer}`)));
      socket.on("connect_error", (err) => console.log(`connect_error ${err.message}`));
      """;

  private static Path dir;
  private static Path caPem;
  private static SSLContext serverContext;

  @BeforeAll
  static void certificate() throws Exception {
    dir = Files.createTempDirectory("sio4j-tls-interop");
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(30, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(keyStore.getCertificate("server").getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keys.getKeyManagers(), null, null);
  }

  @AfterAll
  static void deleteCertificate() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }

  @Test
  void officialSocketIoClientOverHttpsAndWss() throws Exception {
    Map<String, Boolean> secure = new ConcurrentHashMap<>();
    SocketIoServer io = SocketIoServer.create();
    io.onConnection(socket -> {
      secure.put(socket.id(), socket.handshake().secure());
      socket.on("hello", event -> event.ack("secure " + event.arg(0, String.class)));
    });
    NettyServer server = NettyServer.builder().engine(io.engine()).handlers(io.httpHandlers()).host("127.0.0.1")
        .port(0).tls(serverContext).start();
    String url = "https://localhost:" + server.address().getPort();
    try (NodePeer polling = NodePeer.startScript(CLIENT, url, caPem.toString(), "polling");
        NodePeer websocket = NodePeer.startScript(CLIENT, url, caPem.toString(), "websocket")) {
      polling.awaitLine("ack secure polling", WAIT);
      websocket.awaitLine("ack secure websocket", WAIT);
      assertEquals(2, secure.size());
      assertTrue(secure.values().stream().allMatch(Boolean::booleanValue), "Handshake.secure() over TLS");
    } finally {
      io.close();
      server.close();
    }
  }
}
