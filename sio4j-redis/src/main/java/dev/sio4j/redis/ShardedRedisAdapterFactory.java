package dev.sio4j.redis;

import dev.sio4j.redis.internal.RedisConnections;
import dev.sio4j.redis.internal.RedisLink;
import dev.sio4j.redis.internal.ShardedRedisAdapter;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.AdapterNamespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.List;
import java.util.Objects;

/**
 * The sharded Redis pub/sub adapter of a server ({@code SSUBSCRIBE} / {@code SPUBLISH}, Redis 7+), wire-compatible
 * with the official Node one ({@code @socket.io/redis-adapter} 8.x, {@code createShardedAdapter(pubClient,
 * subClient)}): it speaks the reference's cluster-adapter format ({@code {uid, nsp, type, data}}, JSON, or msgpack when
 * a message carries binary), so Java and Node servers share one cluster:
 * {@code ServerOptions.builder().adapterFactory(ShardedRedisAdapterFactory.create("redis://host:6379"))}.
 *
 * <p>Lifecycle and threads as {@link RedisAdapterFactory}: one factory per server; two connections (publish,
 * subscribe) open with the first namespace's adapter (blocking for them) and close with the server; a factory made from
 * a URI owns its client. Thread-safe.
 *
 * <p>On a Redis Cluster ({@link #createCluster(List, ShardedRedisAdapterOptions)}, or a {@link RedisClusterClient}),
 * each {@code SPUBLISH} and {@code SSUBSCRIBE} goes to the node serving its channel's slot, as sharded pub/sub is meant
 * to; the server count adds up {@code PUBSUB SHARDNUMSUB} over the nodes.
 */
public final class ShardedRedisAdapterFactory implements AdapterFactory {
  private final RedisConnections connections;
  private final ShardedRedisAdapterOptions options;

  private ShardedRedisAdapterFactory(RedisConnections connections, ShardedRedisAdapterOptions options) {
    this.connections = connections;
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Adapters over connections of {@code client} (which stays open when the server closes), with {@code options}. */
  public static ShardedRedisAdapterFactory create(RedisClient client, ShardedRedisAdapterOptions options) {
    Objects.requireNonNull(client, "client");
    return new ShardedRedisAdapterFactory(new RedisConnections(() -> client, false), options);
  }

  /** Adapters over connections of {@code client}, with the defaults. */
  public static ShardedRedisAdapterFactory create(RedisClient client) {
    return create(client, ShardedRedisAdapterOptions.defaults());
  }

  /**
   * Adapters over a client of their own for {@code uri} (e.g. {@code redis://127.0.0.1:6379}), shut down with the
   * server. While Redis is unreachable, at most 65,536 commands wait for the reconnection; later ones fail (logged).
   */
  public static ShardedRedisAdapterFactory create(String uri, ShardedRedisAdapterOptions options) {
    return new ShardedRedisAdapterFactory(RedisAdapterFactory.ownedConnections(uri), options);
  }

  /**
   * Adapters over a Redis Cluster client of their own, which learns the cluster from {@code nodeUris} (one reachable
   * node is enough) and is shut down with the server.
   */
  public static ShardedRedisAdapterFactory createCluster(List<String> nodeUris, ShardedRedisAdapterOptions options) {
    return new ShardedRedisAdapterFactory(new RedisConnections(RedisLink.cluster(nodeUris)), options);
  }

  /** Adapters over connections of the Redis Cluster client {@code client}, which stays open when the server closes. */
  public static ShardedRedisAdapterFactory create(RedisClusterClient client, ShardedRedisAdapterOptions options) {
    Objects.requireNonNull(client, "client");
    return new ShardedRedisAdapterFactory(new RedisConnections(RedisLink.cluster(() -> client, false)), options);
  }

  /** Adapters over a client of their own for {@code uri}, with the defaults. */
  public static ShardedRedisAdapterFactory create(String uri) {
    return create(uri, ShardedRedisAdapterOptions.defaults());
  }

  /** The options. */
  public ShardedRedisAdapterOptions options() {
    return options;
  }

  @Override
  public Adapter create(AdapterNamespace namespace) {
    return new ShardedRedisAdapter(namespace, connections, options);
  }
}
