package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The options: the reference's defaults, and each setter's validation. */
class RedisAdapterOptionsTest {
  @Test
  void defaultsAreTheReferenceOnes() {
    RedisAdapterOptions o = RedisAdapterOptions.defaults();
    assertEquals("socket.io", o.key());
    assertEquals(Duration.ofMillis(5000), o.requestsTimeout());
    assertFalse(o.publishOnSpecificResponseChannel());
  }

  @Test
  void settersValidateAndToBuilderCopies() {
    assertThrows(IllegalArgumentException.class, () -> RedisAdapterOptions.builder().key(""));
    assertThrows(IllegalArgumentException.class, () -> RedisAdapterOptions.builder().key("a#b"));
    assertThrows(NullPointerException.class, () -> RedisAdapterOptions.builder().key(null));
    assertThrows(IllegalArgumentException.class, () -> RedisAdapterOptions.builder().requestsTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> RedisAdapterOptions.builder().requestsTimeout(Duration.ofMillis(-1)));
    RedisAdapterOptions o = RedisAdapterOptions.builder().key("app").requestsTimeout(Duration.ofSeconds(1))
        .publishOnSpecificResponseChannel(true).build();
    RedisAdapterOptions copy = o.toBuilder().build();
    assertEquals("app", copy.key());
    assertEquals(Duration.ofSeconds(1), copy.requestsTimeout());
    assertTrue(copy.publishOnSpecificResponseChannel());
  }
}
