package dev.sio4j.redis;

import dev.sio4j.redis.internal.RedisAdapter;
import dev.sio4j.redis.internal.RedisConnections;
import dev.sio4j.redis.internal.RedisLink;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.AdapterNamespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.List;
import java.util.Objects;

/**
 * The Redis pub/sub adapter of a server, wire-compatible with the official Node adapter
 * ({@code @socket.io/redis-adapter} 8.x, {@code createAdapter(pubClient, subClient)}), so Java and Node servers share
 * one cluster: {@code ServerOptions.builder().adapterFactory(RedisAdapterFactory.create("redis://host:6379"))}.
 *
 * <p>Lifecycle: one factory per server. Its two Redis connections (one publishing, one subscribed, as the reference's
 * {@code pubClient} and {@code subClient}) open when the first namespace's adapter starts, which blocks for the
 * connection (namespaces are usually created at start-up), and close when the server closes its last adapter. A
 * factory made from a URI creates its own {@link RedisClient} and shuts it down with the connections; one made from a
 * {@link RedisClient} leaves that client to its owner. Publishing and subscribing never block an I/O thread.
 *
 * <p>On a Redis Cluster ({@link #createCluster(List, RedisAdapterOptions)}, or a {@link RedisClusterClient}) the
 * adapters work as on one Redis: Redis Cluster forwards each {@code PUBLISH} to every node, and the server count adds
 * up {@code PUBSUB NUMSUB} over the nodes, as the reference does with a cluster client.
 *
 * <p>Thread-safe.
 */
public final class RedisAdapterFactory implements AdapterFactory {
  /** Commands waiting while Redis is unreachable, at most (Lettuce's default is unbounded). */
  static final int OWNED_CLIENT_REQUEST_QUEUE = RedisLink.OWNED_CLIENT_REQUEST_QUEUE;

  private final RedisConnections connections;
  private final RedisAdapterOptions options;

  private RedisAdapterFactory(RedisConnections connections, RedisAdapterOptions options) {
    this.connections = connections;
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Adapters over connections of {@code client} (which stays open when the server closes), with {@code options}. */
  public static RedisAdapterFactory create(RedisClient client, RedisAdapterOptions options) {
    Objects.requireNonNull(client, "client");
    return new RedisAdapterFactory(new RedisConnections(() -> client, false), options);
  }

  /** Adapters over connections of {@code client}, with the defaults. */
  public static RedisAdapterFactory create(RedisClient client) {
    return create(client, RedisAdapterOptions.defaults());
  }

  /**
   * Adapters over a client of their own for {@code uri} (e.g. {@code redis://127.0.0.1:6379}), shut down with the
   * server. While Redis is unreachable, at most 65,536 commands wait for the reconnection; later ones fail (logged).
   */
  public static RedisAdapterFactory create(String uri, RedisAdapterOptions options) {
    return new RedisAdapterFactory(ownedConnections(uri), options);
  }

  /** Connections over a client of their own for {@code uri}, its queue bounded while Redis is unreachable. */
  static RedisConnections ownedConnections(String uri) {
    return new RedisConnections(RedisLink.standalone(uri));
  }

  /**
   * Adapters over a Redis Cluster client of their own, which learns the cluster from {@code nodeUris} (e.g.
   * {@code redis://127.0.0.1:7000}; one reachable node is enough) and is shut down with the server.
   */
  public static RedisAdapterFactory createCluster(List<String> nodeUris, RedisAdapterOptions options) {
    return new RedisAdapterFactory(new RedisConnections(RedisLink.cluster(nodeUris)), options);
  }

  /** Adapters over connections of the Redis Cluster client {@code client}, which stays open when the server closes. */
  public static RedisAdapterFactory create(RedisClusterClient client, RedisAdapterOptions options) {
    Objects.requireNonNull(client, "client");
    return new RedisAdapterFactory(new RedisConnections(RedisLink.cluster(() -> client, false)), options);
  }

  /** Adapters over a client of their own for {@code uri}, with the defaults. */
  public static RedisAdapterFactory create(String uri) {
    return create(uri, RedisAdapterOptions.defaults());
  }

  /** The options. */
  public RedisAdapterOptions options() {
    return options;
  }

  @Override
  public Adapter create(AdapterNamespace namespace) {
    return new RedisAdapter(namespace, connections, options);
  }
}
