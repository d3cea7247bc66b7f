package dev.sio4j.server.adapter;

import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.redis.RedisStreamsAdapterOptions;
import dev.sio4j.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The adapter contract for the Redis streams adapter, over a real redis-server: what the server's own sockets see
 * must not change when the namespace is published through a Redis stream (with recovery, offsets and sessions
 * kept in Redis).
 */
class RedisStreamsAdapterContractTest extends AdapterContractTest {
  private static RedisServer redis;
  private final List<Adapter> created = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  Adapter create(AdapterNamespace namespace) {
    // a stream and channels of their own: the test's two adapters share the recording sockets, and must not hear
    // each other
    Adapter adapter = RedisStreamsAdapterFactory.create(redis.uri(),
        RedisStreamsAdapterOptions.builder().channelPrefix("contract" + created.size())
            .streamName("contract-" + created.size() + "-" + System.nanoTime()).build()).create(namespace);
    adapter.init();
    created.add(adapter);
    return adapter;
  }

  @AfterEach
  void closeAdapters() {
    created.forEach(Adapter::close);
  }
}
