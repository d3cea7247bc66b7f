package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A private certificate authority made by {@code keytool} for one test class: a server certificate for
 * {@code localhost} and {@code 127.0.0.1} and a client certificate, both issued by the authority, each in a PKCS#12
 * store holding its key and chain. {@link #close()} deletes the files.
 */
final class TestPki implements AutoCloseable {
  static final String PASSWORD = "sio4j-test";

  final Path dir;
  final Path caPem;
  final Path serverStore;
  final Path clientStore;

  private TestPki(Path dir) {
    this.dir = dir;
    this.caPem = dir.resolve("ca.pem");
    this.serverStore = dir.resolve("server.p12");
    this.clientStore = dir.resolve("client.p12");
  }

  static TestPki create() throws Exception {
    TestPki pki = new TestPki(Files.createTempDirectory("sio4j-pki"));
    Path ca = pki.dir.resolve("ca.p12");
    pki.keytool("-genkeypair", "-alias", "ca", "-dname", "CN=sio4j test CA", "-ext", "bc:c", "-keystore", ca);
    pki.keytool("-exportcert", "-rfc", "-alias", "ca", "-file", pki.caPem, "-keystore", ca);
    // The two certificates at once: each is five keytool runs, a JVM start each.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var server = pool.submit(() -> {
        pki.issue(ca, pki.serverStore, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        return null;
      });
      pki.issue(ca, pki.clientStore, "client", "CN=sio4j test client", "EKU=clientAuth");
      server.get();
    } finally {
      pool.shutdown();
    }
    return pki;
  }

  /** A key pair in {@code store}, its certificate issued by the authority with {@code ext}, and the chain imported. */
  private void issue(Path ca, Path store, String alias, String dname, String ext) throws Exception {
    Path csr = dir.resolve(alias + ".csr");
    Path crt = dir.resolve(alias + ".crt");
    keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keystore", store);
    keytool("-certreq", "-alias", alias, "-file", csr, "-keystore", store);
    keytool("-gencert", "-alias", "ca", "-infile", csr, "-outfile", crt, "-rfc", "-ext", ext, "-keystore", ca);
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem, "-keystore", store);
    keytool("-importcert", "-alias", alias, "-file", crt, "-keystore", store);
  }

  private void keytool(Object... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    for (Object a : args) {
      command.add(a.toString());
    }
    if (command.get(1).equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
    }
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), command + ": " + out);
  }

  static KeyStore load(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    return keys;
  }

  X509Certificate caCertificate() throws Exception {
    return (X509Certificate) load(serverStore).getCertificate("ca");
  }

  X509Certificate serverCertificate() throws Exception {
    return (X509Certificate) load(serverStore).getCertificate("server");
  }

  @Override
  public void close() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }
}
