package dev.sio4j.client;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.CertificatePinner;

/**
 * How a manager's {@code https} and {@code wss} connections authenticate: which certificates it trusts, the client
 * certificate it presents, how it checks the server's name, and which public keys it pins. Immutable and thread-safe;
 * build with {@link #builder()} and give it to {@link ClientOptions.Builder#tls(TlsOptions)}. Each setting left unset
 * keeps the HTTP client's (by default the JDK's trusted certificates, no client certificate, OkHttp's hostname check
 * (RFC 2818), no pins).
 */
public final class TlsOptions {
  private final X509TrustManager trustManager;
  private final X509KeyManager keyManager;
  private final HostnameVerifier hostnameVerifier;
  private final CertificatePinner certificatePinner;

  private TlsOptions(Builder b) {
    this.trustManager = b.trustManager;
    this.keyManager = b.keyManager;
    this.hostnameVerifier = b.hostnameVerifier;
    this.certificatePinner = b.pinned ? b.pins.build() : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The trust manager deciding which server certificates are accepted, or {@code null} for the client's. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** The key manager choosing the client certificate, or {@code null} to present none. */
  public X509KeyManager keyManager() {
    return keyManager;
  }

  /** The check of the server's name, or {@code null} for the client's (OkHttp's: RFC 2818). */
  public HostnameVerifier hostnameVerifier() {
    return hostnameVerifier;
  }

  /** The pinned public keys, or {@code null} for none. */
  public CertificatePinner certificatePinner() {
    return certificatePinner;
  }

  /** Builds {@link TlsOptions}; not thread-safe. */
  public static final class Builder {
    private X509TrustManager trustManager;
    private X509KeyManager keyManager;
    private HostnameVerifier hostnameVerifier;
    private final CertificatePinner.Builder pins = new CertificatePinner.Builder();
    private boolean pinned;

    private Builder() {
    }

    /**
     * Trusts these certificates, and only them: a private certificate authority's, or a self-signed server's.
     * Default: the JDK's trusted authorities.
     */
    public Builder trustedCertificates(List<X509Certificate> certificates) {
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("no certificate to trust");
      }
      try {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
          store.setCertificateEntry("trusted-" + i, Objects.requireNonNull(certificates.get(i), "certificate"));
        }
        return trustStore(store);
      } catch (java.io.IOException | GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot trust these certificates", e);
      }
    }

    /** Trusts the certificates of {@code store} (a trust store: its certificate entries). */
    public Builder trustStore(KeyStore store) {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(Objects.requireNonNull(store, "store"));
        return trustManager(first(tmf.getTrustManagers(), X509TrustManager.class));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("unusable trust store", e);
      }
    }

    /** Decides trust with {@code trustManager}. */
    public Builder trustManager(X509TrustManager trustManager) {
      this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
      return this;
    }

    /**
     * Presents the client certificate of {@code store} (a key store holding a private key and its certificate
     * chain) to a server that asks for one (TLS client authentication). Default: none.
     */
    public Builder clientCertificate(KeyStore store, char[] password) {
      try {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(Objects.requireNonNull(store, "store"), password);
        return keyManager(first(kmf.getKeyManagers(), X509KeyManager.class));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("unusable key store", e);
      }
    }

    /** Chooses the client certificate with {@code keyManager}. */
    public Builder keyManager(X509KeyManager keyManager) {
      this.keyManager = Objects.requireNonNull(keyManager, "keyManager");
      return this;
    }

    /** Checks the server's name with {@code verifier}. Default: OkHttp's check of the certificate's names. */
    public Builder hostnameVerifier(HostnameVerifier verifier) {
      this.hostnameVerifier = Objects.requireNonNull(verifier, "hostnameVerifier");
      return this;
    }

    /**
     * Pins public keys for {@code hostPattern} ({@code example.com}, {@code *.example.com}): a connection succeeds
     * only when the server's certificate chain holds one of {@code pins} ({@code sha256/<base64>}), as OkHttp's
     * {@link CertificatePinner}. Default: no pins.
     */
    public Builder certificatePin(String hostPattern, String... pins) {
      if (pins.length == 0) {
        throw new IllegalArgumentException("no pin for " + hostPattern);
      }
      this.pins.add(Objects.requireNonNull(hostPattern, "hostPattern"), pins);
      pinned = true;
      return this;
    }

    public TlsOptions build() {
      return new TlsOptions(this);
    }

    private static <T> T first(Object[] managers, Class<T> type) {
      List<Object> seen = new ArrayList<>();
      for (Object m : managers) {
        if (type.isInstance(m)) {
          return type.cast(m);
        }
        seen.add(m);
      }
      throw new IllegalArgumentException("no " + type.getSimpleName() + " among " + seen);
    }
  }
}
