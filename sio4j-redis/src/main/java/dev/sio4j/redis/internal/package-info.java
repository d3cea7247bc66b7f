/** Implementation of the Redis adapters: connections, the classic framing, msgpack trees. Not an API. */
package dev.sio4j.redis.internal;
