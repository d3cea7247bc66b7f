package dev.sio4j.netty.internal;

import dev.sio4j.netty.TlsClientAuth;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Where a secure server's TLS handlers come from: either an application's {@link SSLContext} (used as configured:
 * its protocols, cipher suites and key managers), or a PEM certificate chain and PKCS#8 private key read once by
 * Netty's {@link SslContextBuilder} (OpenSSL when netty-tcnative is on the class path, the JDK provider otherwise).
 * Immutable and thread-safe; one handler per accepted connection.
 */
public final class TlsContext {
  private final SSLContext jdk;
  private final SslContext netty;
  private final TlsClientAuth clientAuth;

  private TlsContext(SSLContext jdk, SslContext netty, TlsClientAuth clientAuth) {
    this.jdk = jdk;
    this.netty = netty;
    this.clientAuth = clientAuth;
  }

  /** TLS from an application's context, server mode, no client authentication. */
  public static TlsContext of(SSLContext context) {
    return new TlsContext(Objects.requireNonNull(context, "sslContext"), null, TlsClientAuth.NONE);
  }

  /**
   * This TLS asking clients for a certificate as {@code clientAuth} says, verified by the application's context.
   *
   * @throws IllegalStateException for TLS from PEM files, which have no authorities to verify clients against
   */
  public TlsContext withClientAuth(TlsClientAuth clientAuth) {
    if (clientAuth == TlsClientAuth.NONE) {
      return new TlsContext(jdk, netty, clientAuth);
    }
    if (jdk == null) {
      throw new IllegalStateException("client certificates are verified by an SSLContext's trust managers: "
          + "use tls(SSLContext) with tlsClientAuth");
    }
    return new TlsContext(jdk, null, clientAuth);
  }

  /**
   * TLS from PEM files.
   *
   * @param certificateChain the server certificate first, then its intermediates
   * @param privateKey the key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} with
   *     {@code password})
   * @param password the key's password, or {@code null} when it is not encrypted
   * @throws SSLException when a file cannot be read or parsed
   */
  public static TlsContext fromPem(Path certificateChain, Path privateKey, String password) throws SSLException {
    File chain = certificateChain.toFile();
    File key = privateKey.toFile();
    try {
      return new TlsContext(null, SslContextBuilder.forServer(chain, key, password).build(), TlsClientAuth.NONE);
    } catch (IllegalArgumentException e) {
      throw new SSLException("cannot read the certificate " + certificateChain + " or key " + privateKey, e);
    }
  }

  /** A new server-side TLS handler for one connection. */
  public SslHandler newHandler(ByteBufAllocator alloc) {
    if (netty != null) {
      return netty.newHandler(alloc);
    }
    SSLEngine engine = jdk.createSSLEngine();
    engine.setUseClientMode(false);
    if (clientAuth == TlsClientAuth.REQUIRE) {
      engine.setNeedClientAuth(true);
    } else if (clientAuth == TlsClientAuth.OPTIONAL) {
      engine.setWantClientAuth(true);
    }
    return new SslHandler(engine);
  }
}
