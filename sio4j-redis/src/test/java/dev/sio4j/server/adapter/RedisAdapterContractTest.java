package dev.sio4j.server.adapter;

import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The adapter contract for the Redis adapter, over a real redis-server: what the server's own sockets see must not
 * change when the namespace is published through Redis. (Servers joined over Redis: RedisClusterTest and the mixed
 * Java/Node cluster of the interop tests.)
 */
class RedisAdapterContractTest extends AdapterContractTest {
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
    // a key of its own: the test's two adapters share the recording sockets, and must not hear each other
    Adapter adapter = RedisAdapterFactory.create(redis.uri(),
        RedisAdapterOptions.builder().key("contract" + created.size()).build()).create(namespace);
    adapter.init();
    created.add(adapter);
    return adapter;
  }

  @AfterEach
  void closeAdapters() {
    created.forEach(Adapter::close);
  }
}
