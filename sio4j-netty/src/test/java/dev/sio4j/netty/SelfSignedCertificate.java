package dev.sio4j.netty;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's {@code keytool} in a
 * temporary folder: as a PKCS#12 key store, as PEM files (certificate, PKCS#8 key), and as server and client
 * {@link SSLContext}s (the client trusts exactly this certificate).
 */
final class SelfSignedCertificate {
  private static final char[] PASSWORD = "changeit".toCharArray();

  final Path dir;
  final KeyStore keyStore;
  final Path certificatePem;
  final Path privateKeyPem;

  private SelfSignedCertificate(Path dir, KeyStore keyStore, Path certificatePem, Path privateKeyPem) {
    this.dir = dir;
    this.keyStore = keyStore;
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
  }

  static SelfSignedCertificate create() throws IOException, InterruptedException, GeneralSecurityException {
    Path dir = Files.createTempDirectory("sio4j-tls");
    Path store = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    Certificate certificate = keyStore.getCertificate("server");
    PrivateKey key = (PrivateKey) keyStore.getKey("server", PASSWORD);
    Path certificatePem = dir.resolve("server.crt");
    Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
    Path privateKeyPem = dir.resolve("server.key");
    Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedCertificate(dir, keyStore, certificatePem, privateKeyPem);
  }

  /** A server context presenting this certificate. */
  SSLContext serverContext() throws GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  /** A client context trusting this certificate only. */
  SSLContext clientContext() throws GeneralSecurityException {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  void delete() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
