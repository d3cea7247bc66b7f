/**
 * Scale-out over Redis: {@link dev.sio4j.redis.RedisAdapterFactory} makes the classic pub/sub adapter of the official
 * Node adapter ({@code @socket.io/redis-adapter} 8.x), byte for byte, configured by
 * {@link dev.sio4j.redis.RedisAdapterOptions}.
 */
package dev.sio4j.redis;
