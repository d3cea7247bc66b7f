package dev.sio4j.server.adapter;

import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;

/**
 * The adapter contract for the classic Redis adapter with {@code sharedRecovery}, over a real redis-server: offsets
 * are entry ids of the namespace's recovery stream, sessions are kept in Redis.
 */
class SharedRecoveryRedisAdapterContractTest extends RedisAdapterContract {
  @Override
  AdapterFactory factory(String uri, int index) {
    return RedisAdapterFactory.create(uri, RedisAdapterOptions.builder().sharedRecovery(true)
        .key("contract" + index + "-" + System.nanoTime()).build());
  }
}
