package dev.sio4j.client.internal;

import dev.sio4j.client.ClientOptions;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import dev.sio4j.client.ProxyOptions;
import dev.sio4j.client.TlsOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.CookieJar;
import okhttp3.Credentials;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

/**
 * The OkHttpClient of one manager: derived from the user's client or the shared one with
 * {@link OkHttpClient#newBuilder()} (the connection pool and dispatcher stay shared), plus what the session needs.
 * {@link #release()} gives the shared client back when the manager closes.
 */
public final class ManagerHttpClient {
  private final OkHttpClient client;
  private final OkHttpClient webSocketClient;
  private final boolean shared;
  private boolean released;

  private ManagerHttpClient(OkHttpClient client, OkHttpClient webSocketClient, boolean shared) {
    this.client = client;
    this.webSocketClient = webSocketClient;
    this.shared = shared;
  }

  /**
   * The client for a manager of the server at {@code uri} with {@code options}; call {@link #release()} once the
   * manager is closed.
   */
  public static ManagerHttpClient create(URI uri, ClientOptions options) {
    boolean shared = options.connection().httpClient() == null;
    OkHttpClient base = shared ? SharedHttpClient.acquire() : options.connection().httpClient();
    try {
      OkHttpClient.Builder b = base.newBuilder().addInterceptor(ManagerHttpClient::pollTimeout);
      if (options.connection().cookies() && base.cookieJar() == CookieJar.NO_COOKIES) {
        b.cookieJar(new SessionCookieJar());
      }
      if (options.sslContext() != null) {
        b.sslSocketFactory(options.sslContext().getSocketFactory(), defaultTrustManager());
      }
      if (options.connection().tls() != null) {
        tls(b, options.connection().tls());
      }
      if (options.connection().proxy() != null) {
        proxy(b, options.connection().proxy());
      }
      if (!options.perMessageDeflate()) {
        // OkHttp always offers permessage-deflate; what it can turn off is compressing what this side sends.
        b.minWebSocketMessageToCompress(Long.MAX_VALUE);
      }
      OkHttpClient client = b.build();
      return new ManagerHttpClient(client, webSocketClient(client, uri, options.connection().proxy()), shared);
    } catch (RuntimeException e) {
      if (shared) {
        SharedHttpClient.release();
      }
      throw e;
    }
  }

  private static void tls(OkHttpClient.Builder b, TlsOptions tls) {
    if (tls.trustManager() != null || tls.keyManager() != null) {
      X509TrustManager trust = tls.trustManager() != null ? tls.trustManager() : defaultTrustManager();
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(tls.keyManager() == null ? null : new KeyManager[] {tls.keyManager()},
            new TrustManager[] {trust}, null);
        b.sslSocketFactory(context.getSocketFactory(), trust);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS", e);
      }
    }
    if (tls.hostnameVerifier() != null) {
      b.hostnameVerifier(tls.hostnameVerifier());
    }
    if (tls.certificatePinner() != null) {
      b.certificatePinner(tls.certificatePinner());
    }
  }

  /**
   * The WebSocket's client: the same, but a {@code ws://} WebSocket through an HTTP proxy goes through a
   * {@link ConnectTunnelSocketFactory} tunnel (OkHttp tunnels {@code wss://} itself).
   */
  private static OkHttpClient webSocketClient(OkHttpClient client, URI uri, ProxyOptions proxy) {
    Endpoint target = new Endpoint(uri, ClientOptions.defaults(), client);
    if (proxy == null || proxy.type() != java.net.Proxy.Type.HTTP || target.secure()) {
      return client;
    }
    String authority = (target.host().contains(":") ? "[" + target.host() + "]" : target.host()) + ":" + target.port();
    return client.newBuilder().proxy(java.net.Proxy.NO_PROXY)
        .socketFactory(new ConnectTunnelSocketFactory(
            java.net.InetSocketAddress.createUnresolved(proxy.host(), proxy.port()), authority, credentials(proxy)))
        .build();
  }

  private static String credentials(ProxyOptions proxy) {
    return proxy.username() == null ? null
        : Credentials.basic(proxy.username(), proxy.password(), StandardCharsets.UTF_8);
  }

  private static void proxy(OkHttpClient.Builder b, ProxyOptions proxy) {
    if (proxy.type() == java.net.Proxy.Type.SOCKS) {
      // Through sockets of our own rather than the JDK's, which would take credentials JVM-wide only.
      b.proxy(java.net.Proxy.NO_PROXY).dns(Socks5SocketFactory.PROXY_RESOLVES)
          .socketFactory(new Socks5SocketFactory(
              java.net.InetSocketAddress.createUnresolved(proxy.host(), proxy.port()), proxy.username(),
              proxy.password()));
      return;
    }
    b.proxy(proxy.toProxy());
    if (proxy.username() != null) {
      String credentials = credentials(proxy);
      b.proxyAuthenticator((route, response) -> {
        if (credentials.equals(response.request().header("Proxy-Authorization"))) {
          return null; // refused with these credentials: give up rather than loop
        }
        return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
      });
    }
  }

  public OkHttpClient client() {
    return client;
  }

  /** The client of WebSocket connections: {@link #client()}, or one tunnelling through the proxy. */
  public OkHttpClient webSocketClient() {
    return webSocketClient;
  }

  /** The manager is closed: gives the shared client back (a user's client is left as it is). Idempotent. */
  public synchronized void release() {
    if (!released) {
      released = true;
      if (shared) {
        SharedHttpClient.release();
      }
    }
  }

  /**
   * A long-polling GET has no read timeout: the server holds it up to {@code pingInterval}, and the session's
   * heartbeat (engine.io-protocol, "Heartbeat") closes it when the server goes silent.
   */
  private static okhttp3.Response pollTimeout(Interceptor.Chain chain) throws java.io.IOException {
    if (chain.request().tag(HttpExchange.NoReadTimeout.class) != null && chain.readTimeoutMillis() != 0) {
      return chain.withReadTimeout(0, TimeUnit.MILLISECONDS).proceed(chain.request());
    }
    return chain.proceed(chain.request());
  }

  /**
   * OkHttp wants a trust manager beside a socket factory, to clean certificate chains for pinning. Given only an
   * {@link SSLContext}, the context decides trust during the handshake; the JDK's default trust manager then serves
   * only chain cleaning.
   */
  static X509TrustManager defaultTrustManager() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("no X509TrustManager among " + Arrays.toString(tmf.getTrustManagers()));
    } catch (NoSuchAlgorithmException | java.security.KeyStoreException e) {
      throw new IllegalStateException("no default trust manager", e);
    }
  }
}
