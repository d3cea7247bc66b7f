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
 * The adapter contract for the classic Redis adapter with {@code sharedRecovery}, over a real redis-server: offsets
 * are entry ids of the namespace's recovery stream, sessions are kept in Redis.
 */
class SharedRecoveryRedisAdapterContractTest extends AdapterContractTest {
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
    // a key of its own (channels and recovery stream): the test's two adapters share the recording sockets, and must
    // not hear each other
    Adapter adapter = RedisAdapterFactory.create(redis.uri(), RedisAdapterOptions.builder().sharedRecovery(true)
        .key("contract" + created.size() + "-" + System.nanoTime()).build()).create(namespace);
    adapter.init();
    created.add(adapter);
    return adapter;
  }

  @AfterEach
  void closeAdapters() {
    created.forEach(Adapter::close);
  }
}
