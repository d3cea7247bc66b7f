package dev.sio4j.netty;

/**
 * Whether a TLS server asks its clients for a certificate ({@link NettyServer.Builder#tlsClientAuth}). The certificate
 * is verified by the trust managers of the server's {@link javax.net.ssl.SSLContext}: the authorities the application
 * trusts for its clients.
 */
public enum TlsClientAuth {
  /** No certificate asked for (the default). */
  NONE,
  /** A certificate asked for; a client without one is let in, one with an untrusted one refused. */
  OPTIONAL,
  /** A certificate required: a client without a trusted one fails the TLS handshake. */
  REQUIRE
}
