package dev.sio4j.redis;

import dev.sio4j.redis.internal.RedisConnections;
import dev.sio4j.redis.internal.RedisLink;
import dev.sio4j.redis.internal.RedisStreamReader;
import dev.sio4j.redis.internal.RedisStreamsAdapter;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.AdapterNamespace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.List;
import java.util.Objects;

/**
 * The Redis streams adapter of a server, wire-compatible with the official Node one
 * ({@code @socket.io/redis-streams-adapter} 0.3.x, {@code createAdapter(redisClient)}), so Java and Node servers share
 * one cluster: {@code ServerOptions.builder().adapterFactory(RedisStreamsAdapterFactory.create("redis://host:6379"))}.
 *
 * <p>Broadcasts and room operations go through one Redis stream ({@code XADD}, read by every server with
 * {@code XREAD BLOCK}), so a server that loses Redis for a moment reads on from where it stopped instead of missing
 * what was published meanwhile (pub/sub loses it); requests and their answers go through pub/sub. With connection
 * state recovery on, sessions are kept in Redis and missed packets are read from the stream: a client recovers on any
 * server of the cluster, Java or Node, with its id, rooms, data and missed events (within {@code maxLen} entries and
 * {@code maxDisconnectionDuration}).
 *
 * <p>Lifecycle: one factory per server. Three connections (publishing and commands, subscribed, and one reading the
 * stream, whose blocking reads would hold up the others) open when the first namespace's adapter starts, which blocks
 * for them, and close when the server closes its last adapter. A factory made from a URI owns its client, one made
 * from a {@link RedisClient} leaves it to its owner. Thread-safe.
 */
public final class RedisStreamsAdapterFactory implements AdapterFactory {
  private final RedisConnections connections;
  private final RedisStreamReader reader;
  private final RedisStreamsAdapterOptions options;

  private RedisStreamsAdapterFactory(RedisConnections connections, RedisStreamsAdapterOptions options) {
    this.connections = connections;
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new RedisStreamReader(connections, options.streamName(), options.readCount(), options.blockTime());
  }

  /** Adapters over connections of {@code client} (which stays open when the server closes), with {@code options}. */
  public static RedisStreamsAdapterFactory create(RedisClient client, RedisStreamsAdapterOptions options) {
    Objects.requireNonNull(client, "client");
    return new RedisStreamsAdapterFactory(new RedisConnections(() -> client, false), options);
  }

  /** Adapters over connections of {@code client}, with the defaults. */
  public static RedisStreamsAdapterFactory create(RedisClient client) {
    return create(client, RedisStreamsAdapterOptions.defaults());
  }

  /**
   * Adapters over a client of their own for {@code uri} (e.g. {@code redis://127.0.0.1:6379}), shut down with the
   * server. While Redis is unreachable, at most 65,536 commands wait for the reconnection; later ones fail (logged).
   */
  public static RedisStreamsAdapterFactory create(String uri, RedisStreamsAdapterOptions options) {
    return new RedisStreamsAdapterFactory(RedisAdapterFactory.ownedConnections(uri), options);
  }

  /**
   * Adapters over a Redis Cluster client of their own, which learns the cluster from {@code nodeUris} (one reachable
   * node is enough) and is shut down with the server. The stream lives on the node of its key's slot, each session on
   * its own; Redis Cluster forwards the pub/sub messages to every node.
   */
  public static RedisStreamsAdapterFactory createCluster(List<String> nodeUris, RedisStreamsAdapterOptions options) {
    return new RedisStreamsAdapterFactory(new RedisConnections(RedisLink.cluster(nodeUris)), options);
  }

  /** Adapters over connections of the Redis Cluster client {@code client}, which stays open when the server closes. */
  public static RedisStreamsAdapterFactory create(RedisClusterClient client, RedisStreamsAdapterOptions options) {
    Objects.requireNonNull(client, "client");
    return new RedisStreamsAdapterFactory(new RedisConnections(RedisLink.cluster(() -> client, false)), options);
  }

  /** Adapters over a client of their own for {@code uri}, with the defaults. */
  public static RedisStreamsAdapterFactory create(String uri) {
    return create(uri, RedisStreamsAdapterOptions.defaults());
  }

  /** The options. */
  public RedisStreamsAdapterOptions options() {
    return options;
  }

  @Override
  public Adapter create(AdapterNamespace namespace) {
    return new RedisStreamsAdapter(namespace, connections, reader, options);
  }
}
