package dev.sio4j.client.internal;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * The cookies of one manager, in memory, as a browser keeps them for a page with {@code withCredentials}: the
 * engine's {@code io} cookie or a load balancer's sticky-session cookie, set on the handshake, goes back on every
 * long-polling request and on the WebSocket upgrade (RFC 6265, section 5.4, through {@link Cookie#matches}). A cookie
 * replaces the one of the same name, domain and path; an expired one is dropped. Thread-safe.
 */
final class SessionCookieJar implements CookieJar {
  /** A bound on what a misbehaving server can make the jar hold (a browser keeps at least 50 per domain). */
  private static final int MAX_COOKIES = 100;

  private final List<Cookie> cookies = new ArrayList<>();

  @Override
  public synchronized void saveFromResponse(HttpUrl url, List<Cookie> received) {
    for (Cookie c : received) {
      cookies.removeIf(old -> old.name().equals(c.name()) && old.domain().equals(c.domain())
          && old.path().equals(c.path()));
      if (c.expiresAt() > System.currentTimeMillis() && cookies.size() < MAX_COOKIES) {
        cookies.add(c);
      }
    }
  }

  @Override
  public synchronized List<Cookie> loadForRequest(HttpUrl url) {
    long now = System.currentTimeMillis();
    cookies.removeIf(c -> c.expiresAt() <= now);
    List<Cookie> out = new ArrayList<>();
    for (Cookie c : cookies) {
      if (c.matches(url)) {
        out.add(c);
      }
    }
    return out;
  }
}
