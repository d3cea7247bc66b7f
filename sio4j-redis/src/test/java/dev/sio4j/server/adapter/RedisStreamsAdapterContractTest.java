package dev.sio4j.server.adapter;

import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.redis.RedisStreamsAdapterOptions;

/**
 * The adapter contract for the Redis streams adapter, over a real redis-server: what the server's own sockets see
 * must not change when the namespace is published through a Redis stream (with recovery, offsets and sessions
 * kept in Redis).
 */
class RedisStreamsAdapterContractTest extends RedisAdapterContract {
  @Override
  AdapterFactory factory(String uri, int index) {
    return RedisStreamsAdapterFactory.create(uri, RedisStreamsAdapterOptions.builder().channelPrefix("contract" + index)
        .streamName("contract-" + index + "-" + System.nanoTime()).build());
  }
}
