package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The streams adapter's options: the reference's defaults, and each setter's validation. */
class RedisStreamsAdapterOptionsTest {
  @Test
  void defaultsAreTheReferenceOnes() {
    RedisStreamsAdapterOptions o = RedisStreamsAdapterOptions.defaults();
    assertEquals("socket.io", o.streamName());
    assertEquals("socket.io", o.channelPrefix());
    assertEquals(10_000, o.maxLen());
    assertEquals(100, o.readCount());
    assertEquals(Duration.ofMillis(5000), o.blockTime());
    assertEquals("sio:session:", o.sessionKeyPrefix());
    assertEquals(Duration.ofMillis(5000), o.requestsTimeout());
    assertEquals(1_000, o.recentEntries(), "no reference value: sio4j's");
  }

  @Test
  void settersValidateAndToBuilderCopies() {
    RedisStreamsAdapterOptions.Builder b = RedisStreamsAdapterOptions.builder();
    assertThrows(IllegalArgumentException.class, () -> b.streamName(""));
    assertThrows(NullPointerException.class, () -> b.streamName(null));
    assertThrows(IllegalArgumentException.class, () -> b.channelPrefix("a#b"));
    assertThrows(IllegalArgumentException.class, () -> b.maxLen(0));
    assertThrows(IllegalArgumentException.class, () -> b.readCount(-1));
    assertThrows(IllegalArgumentException.class, () -> b.blockTime(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.sessionKeyPrefix(""));
    assertThrows(IllegalArgumentException.class, () -> b.requestsTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.recentEntries(-1));
    RedisStreamsAdapterOptions o = b.streamName("s").channelPrefix("p").maxLen(5).readCount(7)
        .blockTime(Duration.ofSeconds(1)).sessionKeyPrefix("k:").requestsTimeout(Duration.ofSeconds(2))
        .recentEntries(0).build();
    assertEquals(o.toString(), o.toBuilder().build().toString());
    assertEquals("s", o.streamName());
    assertEquals(5, o.maxLen());
    assertEquals(0, o.recentEntries());
  }
}
