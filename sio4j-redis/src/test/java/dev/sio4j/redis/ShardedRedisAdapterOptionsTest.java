package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sio4j.redis.ShardedRedisAdapterOptions.SubscriptionMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sharded adapter's options: the reference's defaults, and each setter's validation. */
class ShardedRedisAdapterOptionsTest {
  @Test
  void defaultsAreTheReferenceOnes() {
    ShardedRedisAdapterOptions o = ShardedRedisAdapterOptions.defaults();
    assertEquals("socket.io", o.channelPrefix());
    assertEquals(SubscriptionMode.DYNAMIC, o.subscriptionMode());
    assertEquals(Duration.ofMillis(5000), o.requestsTimeout());
  }

  @Test
  void settersValidateAndToBuilderCopies() {
    assertThrows(IllegalArgumentException.class, () -> ShardedRedisAdapterOptions.builder().channelPrefix(""));
    assertThrows(IllegalArgumentException.class, () -> ShardedRedisAdapterOptions.builder().channelPrefix("a#b"));
    assertThrows(NullPointerException.class, () -> ShardedRedisAdapterOptions.builder().subscriptionMode(null));
    assertThrows(IllegalArgumentException.class,
        () -> ShardedRedisAdapterOptions.builder().requestsTimeout(Duration.ZERO));
    ShardedRedisAdapterOptions o = ShardedRedisAdapterOptions.builder().channelPrefix("app")
        .subscriptionMode(SubscriptionMode.STATIC).requestsTimeout(Duration.ofSeconds(1)).build();
    ShardedRedisAdapterOptions copy = o.toBuilder().build();
    assertEquals("app", copy.channelPrefix());
    assertEquals(SubscriptionMode.STATIC, copy.subscriptionMode());
    assertEquals(Duration.ofSeconds(1), copy.requestsTimeout());
  }
}
