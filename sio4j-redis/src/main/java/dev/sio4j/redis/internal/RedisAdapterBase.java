package dev.sio4j.redis.internal;

import dev.sio4j.redis.RedisRequestTimeoutException;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.ClusterAdapterOptions;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.RestoredSession;
import dev.sio4j.server.adapter.SessionState;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Redis adapters (classic, sharded, streams) share over {@link ClusterAdapter}: the server's connections,
 * taken on {@link #subscribe()} and given back on close, callbacks on Lettuce's computation pool, request
 * timeouts as {@link RedisRequestTimeoutException}, a blocking {@link #serverCount()} bounded by the request timeout,
 * and connection state recovery shared by the cluster when a subclass has a stream of kept broadcasts: sessions in
 * Redis ({@link RedisRecoveryStore}), missed packets read back from the stream.
 */
public abstract class RedisAdapterBase extends ClusterAdapter {
  /** How long a closing adapter waits for the sessions it is still writing for recovery. */
  private static final long PERSIST_WAIT_MILLIS = 2_000;
  private static final Logger log = LoggerFactory.getLogger(RedisAdapterBase.class);

  /** The server's connections, shared by its adapters. */
  protected final RedisConnections redis;
  /** Sessions kept in Redis; {@code null} without shared recovery. */
  private final RedisRecoveryStore store;
  private final ReplayedOffsets replayed = new ReplayedOffsets();
  private volatile Executor callbacks;

  /**
   * @param sharedRecovery whether connection state recovery (when the namespace has it) is kept in Redis, for every
   *     server of the cluster, rather than in this server's memory
   * @param sessionKeyPrefix the prefix of the sessions' keys, with {@code sharedRecovery}
   */
  protected RedisAdapterBase(AdapterNamespace namespace, RedisConnections redis, Duration requestsTimeout,
      boolean sharedRecovery, String sessionKeyPrefix) {
    super(namespace, ClusterAdapterOptions.builder().requestsTimeout(requestsTimeout).build(), sharedRecovery);
    this.redis = redis;
    this.store = !sharedRecovery ? null : namespace.connectionStateRecovery()
        .map(o -> new RedisRecoveryStore(redis, namespace.mapper(), sessionKeyPrefix,
            o.maxDisconnectionDuration().toMillis()))
        .orElse(null);
  }

  /**
   * Connects (the first adapter of the server opens the connections: blocks for them) and subscribes.
   *
   * @return completes once Redis confirmed every subscription
   */
  public final CompletableFuture<Void> subscribe() {
    redis.acquire();
    callbacks = redis.callbackExecutor();
    return listen();
  }

  /**
   * Subscribes this adapter's channels (and whatever else it reads) on the server's connections, which are open.
   *
   * @return completes once Redis confirmed the subscriptions
   */
  protected abstract CompletableFuture<Void> listen();

  /** Undoes {@link #listen()}, before the connections are given back. */
  protected abstract void unlisten();

  @Override
  public void init() {
    super.init();
    subscribe();
  }

  /** Stops listening and gives the connections back: the last adapter of the server closes them. */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    super.close();
    if (store != null) {
      // a server closing after a drain must not drop the sessions its clients will ask another server for
      store.awaitPersisted(PERSIST_WAIT_MILLIS);
    }
    unlisten();
    redis.release();
  }

  /** Whether kept broadcasts go to a stream in Redis, for recovery on any server. */
  protected final boolean sharesRecovery() {
    return store != null;
  }

  @Override
  protected Executor callbackExecutor() {
    Executor executor = callbacks;
    return executor == null ? Runnable::run : executor;
  }

  @Override
  protected RuntimeException requestTimedOut(String request, int expected, int received) {
    return new RedisRequestTimeoutException(request, expected, received);
  }

  /** Blocks for {@link #serverCountAsync()}, at most the request timeout: never call it on an I/O thread. */
  @Override
  public int serverCount() {
    try {
      return serverCountAsync().get(clusterOptions.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting servers", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot count the servers: " + e.getMessage(), e);
    }
  }

  // --- connection state recovery, shared by the cluster -------------------------------------------------------------

  /**
   * The stream holding the kept broadcasts, whose entry ids are their offsets: asked only with shared recovery, which
   * a subclass that has no such stream never passes.
   */
  protected String recoveryStream() {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no broadcasts in Redis");
  }

  /**
   * The latest entries of the recovery stream that this server read for this namespace, to replay from memory; {@code
   * null} (the default) when the subclass keeps none.
   */
  RecentEntries recentEntries() {
    return null;
  }

  /** The broadcast to this namespace that {@code entry} of the recovery stream keeps, or {@code null}. */
  protected Broadcast keptBroadcast(StreamMessage<String, byte[]> entry) {
    return null;
  }

  @Override
  public void persistSession(SessionState session) {
    if (store == null) {
      super.persistSession(session);
      return;
    }
    if (isClosed()) {
      return;
    }
    store.persist(session).exceptionally(e -> {
      log.warn("persisting session {} failed: it cannot be recovered", session.sid(), e);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> sessionsPersisted() {
    return store == null ? super.sessionsPersisted() : store.persisted();
  }

  @Override
  public CompletableFuture<RestoredSession> restoreSession(String pid, String offset) {
    if (store == null) {
      return super.restoreSession(pid, offset);
    }
    if (isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    return store.restore(pid, offset, recoveryStream(), this::keptBroadcast, recentEntries())
        .thenApplyAsync(restore -> {
          if (restore == null) {
            return null;
          }
          replayed.mark(restore.session().state().sid(), restore.lastRead(), namespace.currentTimeMillis());
          return restore.session();
        }, callbackExecutor());
  }

  /** A live packet the socket's recent replay carried already (this server's feed lags behind the stream). */
  @Override
  protected boolean replayedAlready(String socketId, String offset) {
    return replayed.covers(socketId, offset, namespace.currentTimeMillis());
  }
}
