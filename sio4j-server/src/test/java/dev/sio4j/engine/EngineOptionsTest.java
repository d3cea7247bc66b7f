package dev.sio4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reference defaults and the validation of every setter. */
class EngineOptionsTest {

  @Test
  void defaultsAreTheReferenceOnes() {
    EngineOptions o = EngineOptions.defaults();
    assertEquals("/engine.io/", o.path());
    assertEquals(25_000, o.pingIntervalMillis());
    assertEquals(20_000, o.pingTimeoutMillis());
    assertEquals(1_000_000, o.maxPayload());
    assertEquals(10_000, o.upgradeTimeoutMillis());
    assertEquals(EnumSet.allOf(EngineOptions.Transport.class), o.transports());
    assertTrue(o.allowUpgrades());
    assertNull(o.cors());
    assertNull(o.cookie());
    assertNull(o.allowRequest());
    assertFalse(o.perMessageDeflate());
    assertEquals(1024, o.perMessageDeflateThreshold());
    assertTrue(o.httpCompression());
    assertEquals(1024, o.httpCompressionThreshold());
    assertEquals(Integer.MAX_VALUE, o.maxSessions());
    assertEquals(30_000, o.closeTimeoutMillis());
  }

  @Test
  void settersValidate() {
    EngineOptions.Builder b = EngineOptions.builder();
    assertThrows(IllegalArgumentException.class, () -> b.path("no-slash"));
    assertThrows(IllegalArgumentException.class, () -> b.path("/x?y"));
    assertThrows(IllegalArgumentException.class, () -> b.pingIntervalMillis(0));
    assertThrows(IllegalArgumentException.class, () -> b.pingTimeoutMillis(-1));
    assertThrows(IllegalArgumentException.class, () -> b.maxPayload(0));
    assertThrows(IllegalArgumentException.class, () -> b.upgradeTimeoutMillis(0));
    assertThrows(IllegalArgumentException.class, () -> b.transports(Set.of()));
    assertThrows(IllegalArgumentException.class, () -> b.maxSessions(0));
    assertThrows(IllegalArgumentException.class, () -> b.sendBufferSize(0));
    assertThrows(IllegalArgumentException.class, () -> b.httpCompressionThreshold(-1));
    assertEquals("/socket.io/", b.path("/socket.io").build().path());
  }

  @Test
  void toBuilderKeepsEverything() {
    EngineOptions o = EngineOptions.builder().pingIntervalMillis(300).maxSessions(7).cors(CorsOptions.anyOrigin())
        .build();
    EngineOptions copy = o.toBuilder().build();
    assertEquals(300, copy.pingIntervalMillis());
    assertEquals(7, copy.maxSessions());
    assertTrue(copy.cors() != null);
  }

  @Test
  void cookieHeaderValue() {
    assertEquals("io=abc; Path=/; HttpOnly; SameSite=Lax", CookieOptions.builder().build().headerValue("abc"));
    assertEquals("sticky=abc; Max-Age=60; Domain=example.com; Secure; SameSite=None",
        CookieOptions.builder().name("sticky").path(null).httpOnly(false).secure(true).sameSite("None")
            .maxAgeSeconds(60).domain("example.com").build().headerValue("abc"));
    assertThrows(IllegalArgumentException.class, () -> CookieOptions.builder().name("a;b"));
    assertThrows(IllegalArgumentException.class, () -> CookieOptions.builder().sameSite("lax"));
  }

  @Test
  void corsOrigins() {
    assertEquals("*", CorsOptions.anyOrigin().allowOrigin("https://x"));
    CorsOptions listed = CorsOptions.builder().origins(List.of("https://a")).build();
    assertEquals("https://a", listed.allowOrigin("https://a"));
    assertNull(listed.allowOrigin("https://b"));
    assertNull(listed.allowOrigin(null));
    assertTrue(listed.variesByOrigin());
    CorsOptions predicate = CorsOptions.builder().origins(o -> o.endsWith(".example")).build();
    assertEquals("https://x.example", predicate.allowOrigin("https://x.example"));
    assertThrows(IllegalArgumentException.class, () -> CorsOptions.builder().origins(List.of()));
  }
}
