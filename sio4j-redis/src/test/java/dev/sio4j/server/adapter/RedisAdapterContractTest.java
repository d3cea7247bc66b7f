package dev.sio4j.server.adapter;

import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;

/**
 * The adapter contract for the Redis adapter, over a real redis-server: what the server's own sockets see must not
 * change when the namespace is published through Redis. (Servers joined over Redis: RedisClusterTest and the mixed
 * Java/Node cluster of the interop tests.)
 */
class RedisAdapterContractTest extends RedisAdapterContract {
  @Override
  AdapterFactory factory(String uri, int index) {
    return RedisAdapterFactory.create(uri, RedisAdapterOptions.builder().key("contract" + index).build());
  }
}
