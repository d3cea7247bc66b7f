/**
 * Scale-out over Redis, byte for byte the official Node adapters ({@code @socket.io/redis-adapter} 8.x,
 * {@code @socket.io/redis-streams-adapter} 0.3.x):
 * {@link dev.sio4j.redis.RedisAdapterFactory} makes the classic pub/sub adapter ({@code createAdapter}), configured by
 * {@link dev.sio4j.redis.RedisAdapterOptions}; {@link dev.sio4j.redis.ShardedRedisAdapterFactory} the sharded one
 * ({@code createShardedAdapter}, Redis 7+), configured by {@link dev.sio4j.redis.ShardedRedisAdapterOptions};
 * {@link dev.sio4j.redis.RedisStreamsAdapterFactory} the streams one (one Redis stream, connection state recovery
 * across servers), configured by {@link dev.sio4j.redis.RedisStreamsAdapterOptions}. All extend the server's
 * broker-neutral {@link dev.sio4j.server.adapter.ClusterAdapter}.
 */
package dev.sio4j.redis;
