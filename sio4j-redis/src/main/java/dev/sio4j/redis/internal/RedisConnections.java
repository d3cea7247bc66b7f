package dev.sio4j.redis.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Redis connections of one server's adapters, as the reference's {@code pubClient} and {@code subClient}: one
 * to publish (and ask {@code PUBSUB NUMSUB} / {@code SHARDNUMSUB}), one in subscribed state whose messages (classic
 * and sharded pub/sub) are dispatched by channel to the adapters of each namespace. The client behind them, standalone
 * or Redis Cluster, is the {@link RedisLink}'s business. Opened when the first adapter registers, closed when the last one leaves (the server
 * closes every adapter when it closes); the client itself is shut down too when this object created it.
 *
 * <p>Thread-safe. Lettuce calls the listener on one of its I/O threads, in the order Redis sent the messages; handlers
 * never block there. Subscriptions survive a reconnection (Lettuce subscribes again).
 */
public final class RedisConnections {
  private static final Logger log = LoggerFactory.getLogger(RedisConnections.class);

  private final RedisLink.Opener opener;
  private final Map<String, List<BiConsumer<String, byte[]>>> patterns = new ConcurrentHashMap<>();
  private final Map<String, List<BiConsumer<String, byte[]>>> channels = new ConcurrentHashMap<>();
  private final Map<String, List<BiConsumer<String, byte[]>>> shardChannels = new ConcurrentHashMap<>();
  private RedisLink link;
  private StatefulRedisPubSubConnection<String, byte[]> sub;
  private int users;
  private final AtomicBoolean down = new AtomicBoolean();

  /**
   * Connections made with the clients of {@code clientSupplier}: called once per opening; when {@code ownsClient}, the
   * client is shut down at each closing.
   */
  public RedisConnections(Supplier<RedisClient> clientSupplier, boolean ownsClient) {
    this(RedisLink.standalone(clientSupplier, ownsClient));
  }

  /** Connections of the links {@code opener} opens (standalone or Redis Cluster): one per opening. */
  public RedisConnections(RedisLink.Opener opener) {
    this.opener = opener;
  }

  /** Registers one user (an adapter), connecting if it is the first: blocks for the connection. */
  public synchronized void acquire() {
    if (users++ > 0) {
      return;
    }
    try {
      link = opener.open(true);
      sub = link.subscriber();
      sub.addListener(new Listener());
      link.onSubscriberState(this::onSubscriberState);
    } catch (RuntimeException e) {
      users--;
      closeConnections();
      throw e;
    }
  }

  // once per outage, not once per lost message: while the subscribed connection is down, Lettuce queues what this
  // server publishes (at most RedisLink.OWNED_CLIENT_REQUEST_QUEUE commands for a client of its own) and sends it on
  // reconnection, and Redis pub/sub keeps nothing for a subscriber that is away: other servers miss what was published
  // before they subscribed again, and this one misses what they published meanwhile
  private void onSubscriberState(boolean connected) {
    if (!connected && down.compareAndSet(false, true)) {
      log.warn("lost the connection to Redis: reconnecting; until then cluster requests time out, and broadcasts "
          + "between this server and the others may be lost (Redis pub/sub keeps no messages)");
    } else if (connected && down.compareAndSet(true, false)) {
      log.info("connected to Redis again: subscriptions restored");
    }
  }

  /** Unregisters one user; the last one closes the connections, without waiting. */
  public synchronized void release() {
    if (users == 0 || --users > 0) {
      return;
    }
    closeConnections();
  }

  private void closeConnections() {
    if (link != null) {
      link.closeAsync();
    }
    link = null;
    sub = null;
  }

  /** The link of the connections (while acquired): its publishing commands, its kind of client. */
  public synchronized RedisLink link() {
    if (link == null) {
      throw new IllegalStateException("the Redis connections are closed");
    }
    return link;
  }

  /**
   * The publishing connection (while acquired) of a standalone client.
   *
   * @throws IllegalStateException on a Redis Cluster: use {@link #link()}
   */
  @SuppressWarnings("unchecked")
  public synchronized StatefulRedisConnection<String, byte[]> pub() {
    if (!(link().commands() instanceof io.lettuce.core.api.async.RedisAsyncCommands<?, ?> async)) {
      throw new IllegalStateException("a Redis Cluster has no single publishing connection");
    }
    return (StatefulRedisConnection<String, byte[]>) async.getStatefulConnection();
  }

  /**
   * A new connection of its own (while acquired), for a blocking command such as {@code XREAD BLOCK} that would hold
   * up the shared ones, on either client ({@link RedisLink#streams(StatefulConnection)} gives its stream commands);
   * the caller closes it.
   */
  public synchronized StatefulConnection<String, byte[]> connectDedicated() {
    return link().connectDedicated();
  }

  /** {@code PUBLISH}es {@code message} on {@code channel}; completes when Redis took it. */
  public CompletableFuture<Void> publish(String channel, byte[] message) {
    try {
      return link().publish(channel, message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code SPUBLISH}es {@code message} on shard channel {@code channel} (Redis 7+). */
  public CompletableFuture<Void> spublish(String channel, byte[] message) {
    try {
      return link().commands().spublish(channel, message).toCompletableFuture().thenApply(n -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code PUBSUB NUMSUB channel}: how many connections subscribed to it (on a cluster, over every node). */
  public CompletableFuture<Integer> numsub(String channel) {
    try {
      return link().countSubscribers(channel, false);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code PUBSUB SHARDNUMSUB channel}: the connections subscribed to shard channel {@code channel} (every node). */
  public CompletableFuture<Integer> shardNumsub(String channel) {
    try {
      return link().countSubscribers(channel, true);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * {@code s} with the glob characters escaped, for {@code PSUBSCRIBE}: the reference subscribes to the raw name, but
   * escaping keeps a namespace like {@code /a*} from matching {@code /ab}'s channels.
   */
  public static String escapeGlob(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** An executor of the client's computation pool (not an I/O thread), for callbacks into the server. */
  public synchronized EventExecutor callbackExecutor() {
    return link().callbackExecutor();
  }

  /** Subscribes {@code handler} to the channels matching glob {@code pattern}. */
  public CompletableFuture<Void> psubscribe(String pattern, BiConsumer<String, byte[]> handler) {
    boolean first = add(patterns, pattern, handler);
    return first ? subscription().psubscribe(pattern).toCompletableFuture() : CompletableFuture.completedFuture(null);
  }

  /** Subscribes {@code handler} to {@code channel}. */
  public CompletableFuture<Void> subscribe(String channel, BiConsumer<String, byte[]> handler) {
    boolean first = add(channels, channel, handler);
    return first ? subscription().subscribe(channel).toCompletableFuture() : CompletableFuture.completedFuture(null);
  }

  /** Subscribes {@code handler} to shard channel {@code channel} ({@code SSUBSCRIBE}, Redis 7+). */
  public CompletableFuture<Void> ssubscribe(String channel, BiConsumer<String, byte[]> handler) {
    boolean first = add(shardChannels, channel, handler);
    return first ? subscription().ssubscribe(channel).toCompletableFuture() : CompletableFuture.completedFuture(null);
  }

  /** Removes {@code handler} from shard channel {@code channel}, unsubscribing when it was the last. */
  public void sunsubscribe(String channel, BiConsumer<String, byte[]> handler) {
    if (remove(shardChannels, channel, handler)) {
      subscriptionIfOpen(c -> c.sunsubscribe(channel));
    }
  }

  /** Removes {@code handler} from {@code pattern}, unsubscribing when it was the last. */
  public void punsubscribe(String pattern, BiConsumer<String, byte[]> handler) {
    if (remove(patterns, pattern, handler)) {
      subscriptionIfOpen(c -> c.punsubscribe(pattern));
    }
  }

  /** Removes {@code handler} from {@code channel}, unsubscribing when it was the last. */
  public void unsubscribe(String channel, BiConsumer<String, byte[]> handler) {
    if (remove(channels, channel, handler)) {
      subscriptionIfOpen(c -> c.unsubscribe(channel));
    }
  }

  private synchronized io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands<String, byte[]> subscription() {
    if (sub == null) {
      throw new IllegalStateException("the Redis connections are closed");
    }
    return sub.async();
  }

  private synchronized void subscriptionIfOpen(
      java.util.function.Consumer<io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands<String, byte[]>> action) {
    if (sub != null && sub.isOpen()) {
      action.accept(sub.async());
    }
  }

  private static boolean add(Map<String, List<BiConsumer<String, byte[]>>> map, String key,
      BiConsumer<String, byte[]> handler) {
    boolean[] first = {false};
    map.compute(key, (k, list) -> {
      if (list == null) {
        list = new CopyOnWriteArrayList<>();
        first[0] = true;
      }
      list.add(handler);
      return list;
    });
    return first[0];
  }

  private static boolean remove(Map<String, List<BiConsumer<String, byte[]>>> map, String key,
      BiConsumer<String, byte[]> handler) {
    boolean[] last = {false};
    map.computeIfPresent(key, (k, list) -> {
      list.remove(handler);
      last[0] = list.isEmpty();
      return list.isEmpty() ? null : list;
    });
    return last[0];
  }

  private final class Listener implements RedisPubSubListener<String, byte[]> {
    @Override
    public void message(String channel, byte[] message) {
      dispatch(channels.get(channel), channel, message);
    }

    @Override
    public void message(String pattern, String channel, byte[] message) {
      dispatch(patterns.get(pattern), channel, message);
    }

    @Override
    public void smessage(String channel, byte[] message) {
      dispatch(shardChannels.get(channel), channel, message);
    }

    private void dispatch(List<BiConsumer<String, byte[]>> handlers, String channel, byte[] message) {
      if (handlers == null) {
        return;
      }
      for (BiConsumer<String, byte[]> handler : handlers) {
        try {
          handler.accept(channel, message);
        } catch (RuntimeException e) {
          // one bad message (or a bug) must not stop the subscription thread for every namespace
          log.warn("failed to handle a message of channel {}", channel, e);
        }
      }
    }

    @Override
    public void subscribed(String channel, long count) {}

    @Override
    public void psubscribed(String pattern, long count) {}

    @Override
    public void unsubscribed(String channel, long count) {}

    @Override
    public void punsubscribed(String pattern, long count) {}
  }
}
