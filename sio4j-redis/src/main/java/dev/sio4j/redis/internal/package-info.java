/** Implementation of the Redis adapter: connections, messages, msgpack trees. Not an API. */
package dev.sio4j.redis.internal;
