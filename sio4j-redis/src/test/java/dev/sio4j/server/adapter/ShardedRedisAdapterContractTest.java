package dev.sio4j.server.adapter;

import dev.sio4j.redis.ShardedRedisAdapterFactory;
import dev.sio4j.redis.ShardedRedisAdapterOptions;

/**
 * The adapter contract for the sharded Redis adapter, over a real redis-server (7+): what the server's own sockets see
 * must not change when the namespace is published through sharded pub/sub.
 */
class ShardedRedisAdapterContractTest extends RedisAdapterContract {
  @Override
  AdapterFactory factory(String uri, int index) {
    return ShardedRedisAdapterFactory.create(uri,
        ShardedRedisAdapterOptions.builder().channelPrefix("contract" + index).build());
  }
}
