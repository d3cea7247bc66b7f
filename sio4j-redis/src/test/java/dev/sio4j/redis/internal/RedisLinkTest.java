package dev.sio4j.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.testing.RedisCluster;
import dev.sio4j.testing.RedisServer;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same link over both clients: a standalone redis-server and a three-master Redis Cluster. Classic and shard
 * channels deliver, subscribers are counted over every node, a dedicated connection writes and reads a stream.
 */
class RedisLinkTest {
  private static RedisServer redis;
  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    cluster = RedisCluster.start(3);
  }

  @AfterAll
  static void stop() {
    cluster.close();
    redis.close();
  }

  @Test
  void standalone() throws Exception {
    RedisLink link = RedisLink.standalone(redis.uri()).open(true);
    assertFalse(link.isCluster());
    exercise(link);
  }

  @Test
  void cluster() throws Exception {
    RedisLink link = RedisLink.cluster(cluster.uris().subList(0, 1)).open(true);
    assertTrue(link.isCluster());
    exercise(link);
  }

  private static void exercise(RedisLink link) throws Exception {
    try {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      StatefulRedisPubSubConnection<String, byte[]> sub = link.subscriber();
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, byte[] message) {
          received.add(channel + " " + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void smessage(String channel, byte[] message) {
          received.add("s:" + channel + " " + new String(message, StandardCharsets.UTF_8));
        }
      });
      sub.async().subscribe("c1").get(5, TimeUnit.SECONDS);
      assertEquals(1, link.countSubscribers("c1", false).get(5, TimeUnit.SECONDS));
      link.publish("c1", "one".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
      assertEquals("c1 one", received.poll(5, TimeUnit.SECONDS));

      // shard channels of different slots (on a cluster, most likely different masters)
      for (String channel : new String[] {"s1", "s2", "s3", "s4"}) {
        sub.async().ssubscribe(channel).get(5, TimeUnit.SECONDS);
        assertEquals(1, link.countSubscribers(channel, true).get(5, TimeUnit.SECONDS), channel);
        link.commands().spublish(channel, channel.getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        assertEquals("s:" + channel + " " + channel, received.poll(5, TimeUnit.SECONDS));
      }

      StatefulConnection<String, byte[]> dedicated = link.connectDedicated();
      try {
        var streams = RedisLink.streams(dedicated);
        streams.xadd("stream1", Map.of("k", "v".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        assertEquals(1, streams.xlen("stream1").get(5, TimeUnit.SECONDS));
      } finally {
        dedicated.close();
      }
      assertEquals(1, link.keys().del("stream1").get(5, TimeUnit.SECONDS));
    } finally {
      link.closeAsync().get(10, TimeUnit.SECONDS);
    }
  }
}
