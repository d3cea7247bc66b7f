package dev.sio4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class SessionCookieJarTest {
  private static final HttpUrl SERVER = HttpUrl.get("http://example.test:3000/socket.io/?EIO=4&transport=polling");

  private static Cookie parse(String setCookie) {
    return Cookie.parse(SERVER, setCookie);
  }

  @Test
  void aCookieGoesBackToItsServerAndIsReplacedByName() {
    SessionCookieJar jar = new SessionCookieJar();
    jar.saveFromResponse(SERVER, List.of(parse("io=abc; Path=/; HttpOnly; SameSite=Lax"), parse("lb=node-1")));
    assertEquals(2, jar.loadForRequest(SERVER).size());
    jar.saveFromResponse(SERVER, List.of(parse("io=def; Path=/")));
    List<Cookie> sent = jar.loadForRequest(SERVER.newBuilder().setQueryParameter("transport", "websocket").build());
    assertEquals(2, sent.size());
    assertTrue(sent.stream().anyMatch(c -> c.name().equals("io") && c.value().equals("def")));
    assertTrue(jar.loadForRequest(HttpUrl.get("http://other.test:3000/socket.io/")).isEmpty(), "not to another host");
  }

  @Test
  void anExpiredCookieIsDropped() {
    SessionCookieJar jar = new SessionCookieJar();
    jar.saveFromResponse(SERVER, List.of(parse("io=abc; Path=/")));
    jar.saveFromResponse(SERVER, List.of(parse("io=abc; Path=/; Max-Age=0")));
    assertTrue(jar.loadForRequest(SERVER).isEmpty());
  }
}
