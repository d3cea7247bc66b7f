package dev.sio4j.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisClusterAdapter;
import dev.sio4j.redis.RedisRequestTimeoutException;
import dev.sio4j.redis.internal.Messages.AllRooms;
import dev.sio4j.redis.internal.Messages.AllRoomsResponse;
import dev.sio4j.redis.internal.Messages.Done;
import dev.sio4j.redis.internal.Messages.SingleSocket;
import dev.sio4j.redis.internal.Messages.Sockets;
import dev.sio4j.redis.internal.Messages.SocketsResponse;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.ClusterAdapterOptions;
import dev.sio4j.server.adapter.ClusterMessage;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.LocalSocket;
import dev.sio4j.server.adapter.RestoredSession;
import dev.sio4j.server.adapter.SessionState;
import io.lettuce.core.XAddArgs;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic Redis pub/sub adapter of one namespace, byte-compatible with {@code @socket.io/redis-adapter} 8.x
 * ({@code createAdapter(pubClient, subClient)}): the cluster operations of {@link ClusterAdapter}, framed as the
 * classic adapter does ({@link Messages}) on its channels:
 * <ul>
 *   <li>broadcasts on {@code <key>#<nsp>#} (or {@code <key>#<nsp>#<room>#} for a single room, which servers without
 *       that room skip unread);
 *   <li>requests on {@code <key>-request#<nsp>#}, responses on {@code <key>-response#<nsp>#} (or the requester's
 *       {@code <key>-response#<nsp>#<uid>#});
 *   <li>the server count as {@code PUBSUB NUMSUB <key>-request#<nsp>#};
 *   <li>with {@code sharedRecovery} (not in the reference), connection state recovery in Redis: each kept broadcast
 *       added first to the capped stream {@code <key>-recovery#<nsp>#} (field {@code m}: the classic broadcast
 *       message), then published with the entry id as its last argument (the classic frame has no room for an offset:
 *       receivers take it from there), sessions as keys ({@link RedisRecoveryStore}).
 * </ul>
 * Thread-safe; nothing here blocks except {@link #serverCount()}. Messages are handled on Lettuce's I/O thread, in
 * order; futures and callbacks complete on Lettuce's computation pool.
 */
public final class RedisAdapter extends ClusterAdapter implements RedisClusterAdapter {
  /** How long a closing adapter waits for the sessions it is still writing for recovery. */
  private static final long PERSIST_WAIT_MILLIS = 2_000;

  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

  private final RedisConnections redis;
  private final RedisAdapterOptions options;
  private final ObjectMapper mapper;
  private final String channel;
  private final String pattern;
  private final String requestChannel;
  private final String responseChannel;
  private final String specificResponseChannel;
  private final BiConsumer<String, byte[]> onBroadcast = this::onBroadcast;
  private final BiConsumer<String, byte[]> onRequest = this::onRequest;
  private final String recoveryStream;
  private final RedisRecoveryStore store;
  private final ReplayedOffsets replayed = new ReplayedOffsets();
  private volatile Executor callbacks;

  /** The adapter of {@code namespace} over {@code redis}. */
  public RedisAdapter(AdapterNamespace namespace, RedisConnections redis, RedisAdapterOptions options) {
    super(namespace, ClusterAdapterOptions.builder().requestsTimeout(options.requestsTimeout()).build(),
        options.sharedRecovery());
    this.redis = redis;
    this.options = options;
    this.mapper = namespace.mapper();
    String prefix = options.key();
    String nsp = namespace.name();
    this.channel = prefix + "#" + nsp + "#";
    this.pattern = RedisConnections.escapeGlob(channel) + "*";
    this.requestChannel = prefix + "-request#" + nsp + "#";
    this.responseChannel = prefix + "-response#" + nsp + "#";
    this.specificResponseChannel = responseChannel + uid() + "#";
    this.recoveryStream = prefix + "-recovery#" + nsp + "#";
    this.store = !options.sharedRecovery() ? null : namespace.connectionStateRecovery()
        .map(o -> new RedisRecoveryStore(redis, mapper, options.sessionKeyPrefix(),
            o.maxDisconnectionDuration().toMillis()))
        .orElse(null);
  }

  /**
   * Connects (the first adapter of the server opens the connections: blocks for them) and subscribes.
   *
   * @return completes once Redis confirmed every subscription
   */
  public CompletableFuture<Void> subscribe() {
    redis.acquire();
    callbacks = redis.callbackExecutor();
    return CompletableFuture.allOf(
        redis.psubscribe(pattern, onBroadcast),
        redis.subscribe(requestChannel, onRequest),
        redis.subscribe(responseChannel, onRequest),
        redis.subscribe(specificResponseChannel, onRequest));
  }

  @Override
  public void init() {
    super.init();
    subscribe();
  }

  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    super.close();
    if (store != null) {
      store.awaitPersisted(PERSIST_WAIT_MILLIS);
    }
    redis.punsubscribe(pattern, onBroadcast);
    redis.unsubscribe(requestChannel, onRequest);
    redis.unsubscribe(responseChannel, onRequest);
    redis.unsubscribe(specificResponseChannel, onRequest);
    redis.release();
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

  @Override
  protected CompletableFuture<Void> doPublish(ClusterMessage message) {
    if (message instanceof Broadcast b && b.requestId() == null) {
      return redis.publish(broadcastChannel(b), Messages.broadcast(uid(), b));
    }
    return redis.publish(requestChannel, Messages.request(mapper, uid(), message));
  }

  private String broadcastChannel(Broadcast b) {
    Set<String> rooms = b.options().rooms();
    return rooms.size() == 1 ? channel + rooms.iterator().next() + "#" : channel;
  }

  /** With {@code sharedRecovery}, a kept broadcast's offset is its entry id in the recovery stream. */
  @Override
  protected CompletableFuture<String> doPublishAndReturnOffset(ClusterMessage message) {
    if (store != null && message instanceof Broadcast b && b.requestId() == null
        && isRecoverable(b.packet(), b.options())) {
      return publishKept(broadcastChannel(b), b);
    }
    return super.doPublishAndReturnOffset(message);
  }

  /** Adds {@code b} to the recovery stream, then publishes it with the entry id (its offset) as its last argument. */
  private CompletableFuture<String> publishKept(String target, Broadcast b) {
    try {
      return redis.link().streams()
          .xadd(recoveryStream, XAddArgs.Builder.maxlen(options.recoveryStreamMaxLen()).approximateTrimming(),
              Map.of("m", Messages.broadcast(uid(), b)))
          .toCompletableFuture()
          .thenCompose(offset -> {
            ArrayNode data = ((ArrayNode) b.packet().data()).deepCopy();
            data.add(offset);
            Broadcast withOffset = new Broadcast(new SocketIoPacket(b.packet().type(),
                b.packet().namespace(), b.packet().ackId(), data), b.options(), null);
            return redis.publish(target, Messages.broadcast(uid(), withOffset)).thenApply(v -> offset);
          });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
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
    return store.restore(pid, offset, recoveryStream, entry -> {
      byte[] m = entry.getBody().get("m");
      try {
        return m == null ? null : Messages.broadcast(MsgpackReader.decode(m), namespace.name());
      } catch (IllegalArgumentException e) {
        return null;
      }
    }).thenApplyAsync(restore -> {
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

  @Override
  protected CompletableFuture<Void> doPublishResponse(String requesterUid, Response response) {
    String target = options.publishOnSpecificResponseChannel() && requesterUid != null
        ? responseChannel + requesterUid + "#" : responseChannel;
    return redis.publish(target, Messages.response(mapper, response));
  }

  @Override
  public CompletableFuture<Set<String>> allRooms() {
    Set<String> all = new HashSet<>(rooms());
    return request(AllRooms::new, Answers.of(response -> {
      if (response instanceof AllRoomsResponse r) {
        all.addAll(r.rooms());
      }
    }, () -> Set.copyOf(all), (expected, received) -> requestTimedOut("allRooms", expected, received)),
        options.requestsTimeout().toMillis());
  }

  /** {@code PUBSUB NUMSUB} of the request channel: every server subscribed to this namespace, this one included. */
  @Override
  public CompletableFuture<Integer> serverCountAsync() {
    return redis.numsub(requestChannel);
  }

  /** Blocks for {@link #serverCountAsync()}, at most {@code requestsTimeout}: never call it on an I/O thread. */
  @Override
  public int serverCount() {
    try {
      return serverCountAsync().get(options.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting servers", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot count the servers: " + e.getMessage(), e);
    }
  }

  // --- incoming (on Lettuce's I/O thread, in order) -----------------------------------------------------------------

  private void onBroadcast(String from, byte[] message) {
    if (!from.startsWith(channel)) {
      return;
    }
    // a message for one room: skip it unread when no local socket is in that room (the reference does the same)
    String room = from.length() > channel.length() ? from.substring(channel.length(), from.length() - 1) : "";
    if (!room.isEmpty() && !rooms().contains(room)) {
      return;
    }
    JsonNode decoded;
    try {
      decoded = MsgpackReader.decode(message);
    } catch (IllegalArgumentException e) {
      log.debug("ignoring a malformed broadcast on {}", from, e);
      return;
    }
    Broadcast broadcast = Messages.broadcast(decoded, namespace.name());
    if (broadcast == null) {
      return;
    }
    if (store != null && isRecoverable(broadcast.packet(), broadcast.options())) {
      // a kept broadcast carries its offset last (publishKept): taken off, and given back as the offset
      ArrayNode data = (ArrayNode) broadcast.packet().data();
      JsonNode last = data.get(data.size() - 1);
      if (last.isTextual() && RedisRecoveryStore.isOffset(last.asText())) {
        ArrayNode args = data.deepCopy();
        args.remove(args.size() - 1);
        Broadcast without = new Broadcast(new SocketIoPacket(broadcast.packet().type(),
            broadcast.packet().namespace(), broadcast.packet().ackId(), args), broadcast.options(), null);
        onMessage(decoded.get(0).asText(), without, last.asText());
        return;
      }
    }
    onMessage(decoded.get(0).asText(), broadcast);
  }

  private void onRequest(String from, byte[] message) {
    boolean response = from.startsWith(responseChannel);
    if (!response && !from.equals(requestChannel)) {
      return;
    }
    JsonNode tree;
    try {
      tree = Messages.parse(mapper, message);
    } catch (IOException | IllegalArgumentException e) {
      log.debug("ignoring a malformed message on {}", from, e);
      return;
    }
    if (!tree.isObject()) {
      return;
    }
    if (response) {
      Response decoded = Messages.response(tree);
      if (decoded != null) {
        onResponse(null, decoded); // classic responses do not say who answered
      }
      return;
    }
    ClusterMessage request = Messages.request(tree, namespace.name());
    if (request == null) {
      log.debug("ignoring a request of unknown type {}", tree.get("type"));
      return;
    }
    onMessage(tree.path("uid").asText(null), request);
  }

  /** The classic requests the cluster format lacks. */
  @Override
  protected void onOtherMessage(String from, ClusterMessage message) {
    if (message instanceof Sockets s) {
      publishResponse(from, new SocketsResponse(s.requestId(), sockets(s.rooms())));
    } else if (message instanceof AllRooms a) {
      publishResponse(from, new AllRoomsResponse(a.requestId(), Set.copyOf(rooms())));
    } else if (message instanceof SingleSocket s) {
      LocalSocket socket = namespace.socket(s.sid());
      if (socket == null) {
        return;
      }
      switch (s.type()) {
        case Messages.REMOTE_JOIN -> socket.socket().join(s.room());
        case Messages.REMOTE_LEAVE -> socket.socket().leave(s.room());
        default -> socket.socket().disconnect(s.close());
      }
      if (s.requestId() != null) {
        publishResponse(from, new Done(s.requestId()));
      }
    } else {
      super.onOtherMessage(from, message);
    }
  }
}
