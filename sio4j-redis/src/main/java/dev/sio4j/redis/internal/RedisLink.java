package dev.sio4j.redis.internal;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.api.async.RedisKeyAsyncCommands;
import io.lettuce.core.api.async.RedisStreamAsyncCommands;
import io.lettuce.core.api.async.RedisStringAsyncCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.AsyncExecutions;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The connections one user of Redis holds (the adapters of a server, an emitter), over either client: a standalone
 * {@link RedisClient} ({@code redis://host:port}) or a {@link RedisClusterClient} (a list of cluster nodes). What
 * differs between the two stays here: how to connect, and how to count subscribers (on a cluster, {@code PUBSUB
 * NUMSUB} / {@code SHARDNUMSUB} answer for one node only, so every node is asked and the answers summed, as the
 * reference adapter does). Publishing ({@code PUBLISH}, {@code SPUBLISH}) and subscribing are the same commands:
 * Lettuce routes a cluster's {@code SPUBLISH} / {@code SSUBSCRIBE} to the node of the channel's slot, and Redis
 * Cluster forwards a classic {@code PUBLISH} to every node.
 *
 * <p>Made by a {@link Opener} (one per factory); thread-safe once open.
 */
public final class RedisLink {
  /** Keys as UTF-8 strings, values as bytes: messages are JSON or msgpack. */
  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  /** Commands waiting while Redis is unreachable, at most, for an owned client (Lettuce's default is unbounded). */
  public static final int OWNED_CLIENT_REQUEST_QUEUE = 65_536;

  private final AbstractRedisClient client;
  private final boolean ownsClient;
  private final StatefulConnection<String, byte[]> pub;
  private final BaseRedisAsyncCommands<String, byte[]> commands;
  private final StatefulRedisPubSubConnection<String, byte[]> sub;
  private volatile RedisConnectionStateListener stateListener;

  private RedisLink(AbstractRedisClient client, boolean ownsClient, StatefulConnection<String, byte[]> pub,
      BaseRedisAsyncCommands<String, byte[]> commands, StatefulRedisPubSubConnection<String, byte[]> sub) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.pub = pub;
    this.commands = commands;
    this.sub = sub;
  }

  /** Opens the connections of one user: a publishing one, and a subscribed one when asked. */
  @FunctionalInterface
  public interface Opener {
    /** Connects (blocking for the connections). */
    RedisLink open(boolean withSubscriber);
  }

  /** Links over the clients of {@code clientSupplier} (called once per opening), shut down on close when owned. */
  public static Opener standalone(Supplier<RedisClient> clientSupplier, boolean ownsClient) {
    Objects.requireNonNull(clientSupplier, "clientSupplier");
    return withSubscriber -> {
      RedisClient client = clientSupplier.get();
      StatefulRedisConnection<String, byte[]> pub = null;
      try {
        pub = client.connect(CODEC);
        StatefulRedisPubSubConnection<String, byte[]> sub = withSubscriber ? client.connectPubSub(CODEC) : null;
        return new RedisLink(client, ownsClient, pub, pub.async(), sub);
      } catch (RuntimeException e) {
        closeQuietly(pub, client, ownsClient);
        throw e;
      }
    };
  }

  /** Links over a standalone client of their own for {@code uri} ({@code redis://host:port}), its queue bounded. */
  public static Opener standalone(String uri) {
    RedisURI redisUri = RedisURI.create(Objects.requireNonNull(uri, "uri"));
    return standalone(() -> {
      RedisClient client = RedisClient.create(redisUri);
      client.setOptions(ClientOptions.builder().requestQueueSize(OWNED_CLIENT_REQUEST_QUEUE).build());
      return client;
    }, true);
  }

  /** Links over the cluster clients of {@code clientSupplier}, shut down on close when owned. */
  public static Opener cluster(Supplier<RedisClusterClient> clientSupplier, boolean ownsClient) {
    Objects.requireNonNull(clientSupplier, "clientSupplier");
    return withSubscriber -> {
      RedisClusterClient client = clientSupplier.get();
      StatefulRedisClusterConnection<String, byte[]> pub = null;
      try {
        pub = client.connect(CODEC);
        StatefulRedisClusterPubSubConnection<String, byte[]> sub = null;
        if (withSubscriber) {
          sub = client.connectPubSub(CODEC);
          // shard-channel messages arrive on the node connections SSUBSCRIBE was routed to: hand them to the listener
          sub.setNodeMessagePropagation(true);
        }
        return new RedisLink(client, ownsClient, pub, pub.async(), sub);
      } catch (RuntimeException e) {
        closeQuietly(pub, client, ownsClient);
        throw e;
      }
    };
  }

  /** Links over a cluster client of their own, knowing the cluster by {@code nodeUris} (one is enough). */
  public static Opener cluster(List<String> nodeUris) {
    List<RedisURI> uris = new ArrayList<>();
    for (String uri : Objects.requireNonNull(nodeUris, "nodeUris")) {
      uris.add(RedisURI.create(Objects.requireNonNull(uri, "a node's uri")));
    }
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("a Redis Cluster needs at least one node's uri");
    }
    return cluster(() -> {
      RedisClusterClient client = RedisClusterClient.create(uris);
      client.setOptions(ClusterClientOptions.builder().requestQueueSize(OWNED_CLIENT_REQUEST_QUEUE).build());
      return client;
    }, true);
  }

  private static void closeQuietly(StatefulConnection<?, ?> connection, AbstractRedisClient client, boolean owned) {
    if (connection != null) {
      connection.closeAsync();
    }
    if (owned) {
      client.shutdownAsync();
    }
  }

  /** Whether the connections go to a Redis Cluster. */
  public boolean isCluster() {
    return client instanceof RedisClusterClient;
  }

  /** The publishing connection's commands. */
  public BaseRedisAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  /**
   * The publishing connection's stream commands ({@code XADD}, {@code XREAD}, ...), on either client: a cluster client
   * routes each to the node of its key's slot.
   */
  @SuppressWarnings("unchecked")
  public RedisStreamAsyncCommands<String, byte[]> streams() {
    return (RedisStreamAsyncCommands<String, byte[]>) commands;
  }

  /** The publishing connection's string commands ({@code SET}, {@code GET}, ...), on either client. */
  @SuppressWarnings("unchecked")
  public RedisStringAsyncCommands<String, byte[]> strings() {
    return (RedisStringAsyncCommands<String, byte[]>) commands;
  }

  /** The publishing connection's key commands ({@code EXPIRE}, {@code DEL}, ...), on either client. */
  @SuppressWarnings("unchecked")
  public RedisKeyAsyncCommands<String, byte[]> keys() {
    return (RedisKeyAsyncCommands<String, byte[]>) commands;
  }

  /**
   * A new connection of its own, for a blocking command such as {@code XREAD BLOCK} that would hold up the shared ones
   * (a {@code StatefulRedisConnection}, or a {@code StatefulRedisClusterConnection} on a cluster); the caller closes
   * it. Its stream commands: {@link #streams(StatefulConnection)}.
   */
  public StatefulConnection<String, byte[]> connectDedicated() {
    return client instanceof RedisClusterClient cluster ? cluster.connect(CODEC) : ((RedisClient) client).connect(CODEC);
  }

  /** The stream commands of {@code connection}, one of {@link #connectDedicated()}'s. */
  public static RedisStreamAsyncCommands<String, byte[]> streams(StatefulConnection<String, byte[]> connection) {
    if (connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
      return cluster.async();
    }
    return ((StatefulRedisConnection<String, byte[]>) connection).async();
  }

  /** The subscribed connection, or {@code null} when not asked for. */
  public StatefulRedisPubSubConnection<String, byte[]> subscriber() {
    return sub;
  }

  /** {@code PUBLISH}es {@code message} on {@code channel}; completes when Redis took it. */
  public CompletableFuture<Void> publish(String channel, byte[] message) {
    return commands.publish(channel, message).toCompletableFuture().thenApply(n -> null);
  }

  /**
   * How many connections subscribed to {@code channel} ({@code PUBSUB NUMSUB}), or to shard channel {@code channel}
   * when {@code shard} ({@code PUBSUB SHARDNUMSUB}); on a cluster, summed over every node.
   */
  @SuppressWarnings("unchecked")
  public CompletableFuture<Integer> countSubscribers(String channel, boolean shard) {
    if (pub instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
      AsyncExecutions<Map<String, Long>> counts = shard ? cluster.async().all().commands().pubsubShardNumsub(channel)
          : cluster.async().all().commands().pubsubNumsub(channel);
      return counts.toCompletableFuture().thenApply(all -> all.stream().mapToInt(RedisLink::sum).sum());
    }
    return (shard ? commands.pubsubShardNumsub(channel) : commands.pubsubNumsub(channel)).toCompletableFuture()
        .thenApply(RedisLink::sum);
  }

  private static int sum(Map<String, Long> counts) {
    return counts.values().stream().mapToInt(Long::intValue).sum();
  }

  /** An executor of the client's computation pool (not an I/O thread), for callbacks into a server. */
  public EventExecutor callbackExecutor() {
    return client.getResources().eventExecutorGroup().next();
  }

  /**
   * Tells {@code listener} when the subscribed connection loses Redis ({@code false}) and when it is connected again
   * ({@code true}), on a Lettuce thread, until the link closes. Standalone client only: a cluster client's node
   * connections are not followed.
   */
  public void onSubscriberState(Consumer<Boolean> listener) {
    Objects.requireNonNull(listener, "listener");
    RedisConnectionStateListener state = new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
        if (connection == sub) {
          listener.accept(true);
        }
      }

      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
        if (connection == sub) {
          listener.accept(false);
        }
      }
    };
    stateListener = state;
    client.addListener(state);
  }

  /** Closes the connections without waiting, then shuts the client down when this link owns it. */
  public CompletableFuture<Void> closeAsync() {
    RedisConnectionStateListener state = stateListener;
    if (state != null) {
      client.removeListener(state);
    }
    CompletableFuture<Void> pubClosed = pub.closeAsync();
    CompletableFuture<Void> subClosed = sub == null ? CompletableFuture.completedFuture(null) : sub.closeAsync();
    CompletableFuture<Void> closed = CompletableFuture.allOf(pubClosed, subClosed);
    if (!ownsClient) {
      return closed;
    }
    return closed.handle((v, e) -> null).thenCompose(v -> client.shutdownAsync());
  }
}
