package dev.sio4j.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisClusterAdapter;
import dev.sio4j.redis.internal.Messages.AllRooms;
import dev.sio4j.redis.internal.Messages.AllRoomsResponse;
import dev.sio4j.redis.internal.Messages.Done;
import dev.sio4j.redis.internal.Messages.SingleSocket;
import dev.sio4j.redis.internal.Messages.Sockets;
import dev.sio4j.redis.internal.Messages.SocketsResponse;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.Answers;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.ClusterMessage;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.LocalSocket;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
public final class RedisAdapter extends RedisAdapterBase implements RedisClusterAdapter {
  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

  private final RedisAdapterOptions options;
  private final String channel;
  private final String requestChannel;
  private final String responseChannel;
  private final String specificResponseChannel;
  private final BiConsumer<String, byte[]> onBroadcast = this::onBroadcast;
  private final BiConsumer<String, byte[]> onRequest = this::onRequest;
  private final String recoveryStream;

  /** The adapter of {@code namespace} over {@code redis}. */
  public RedisAdapter(AdapterNamespace namespace, RedisConnections redis, RedisAdapterOptions options) {
    super(namespace, redis, options.requestsTimeout(), options.sharedRecovery(), options.sessionKeyPrefix());
    this.options = options;
    String prefix = options.key();
    String nsp = namespace.name();
    this.channel = prefix + "#" + nsp + "#";
    this.requestChannel = prefix + "-request#" + nsp + "#";
    this.responseChannel = prefix + "-response#" + nsp + "#";
    this.specificResponseChannel = responseChannel + uid() + "#";
    this.recoveryStream = prefix + "-recovery#" + nsp + "#";
  }

  @Override
  protected CompletableFuture<Void> listen() {
    return CompletableFuture.allOf(redis.psubscribe(RedisConnections.escapeGlob(channel) + "*", onBroadcast),
        redis.subscribe(requestChannel, onRequest),
        redis.subscribe(responseChannel, onRequest),
        redis.subscribe(specificResponseChannel, onRequest));
  }

  @Override
  protected void unlisten() {
    redis.punsubscribe(RedisConnections.escapeGlob(channel) + "*", onBroadcast);
    redis.unsubscribe(requestChannel, onRequest);
    redis.unsubscribe(responseChannel, onRequest);
    redis.unsubscribe(specificResponseChannel, onRequest);
  }

  @Override
  protected CompletableFuture<Void> doPublish(ClusterMessage message) {
    if (message instanceof Broadcast b && b.requestId() == null) {
      return redis.publish(broadcastChannel(b), Messages.broadcast(uid(), b));
    }
    return redis.publish(requestChannel, Messages.request(namespace.mapper(), uid(), message));
  }

  private String broadcastChannel(Broadcast b) {
    Set<String> rooms = b.options().rooms();
    return rooms.size() == 1 ? channel + rooms.iterator().next() + "#" : channel;
  }

  /** With {@code sharedRecovery}, a kept broadcast's offset is its entry id in the recovery stream. */
  @Override
  protected CompletableFuture<String> doPublishAndReturnOffset(ClusterMessage message) {
    if (sharesRecovery() && message instanceof Broadcast b && b.requestId() == null
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
          .thenCompose(offset -> redis.publish(target, Messages.broadcast(uid(), KeptOffsets.withOffset(b, offset)))
              .thenApply(v -> offset));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  protected String recoveryStream() {
    return recoveryStream;
  }

  @Override
  protected Broadcast keptBroadcast(StreamMessage<String, byte[]> entry) {
    byte[] m = entry.getBody().get("m");
    Messages.Received received = m == null ? null : Messages.broadcast(m, namespace.name());
    return received == null ? null : received.broadcast();
  }

  @Override
  protected CompletableFuture<Void> doPublishResponse(String requesterUid, Response response) {
    String target = options.publishOnSpecificResponseChannel() && requesterUid != null
        ? responseChannel + requesterUid + "#" : responseChannel;
    return redis.publish(target, Messages.response(namespace.mapper(), response));
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
    Messages.Received received = Messages.broadcast(message, namespace.name());
    if (received == null) {
      log.debug("ignoring a malformed broadcast on {}", from);
      return;
    }
    Broadcast broadcast = received.broadcast();
    String offset = sharesRecovery() && isRecoverable(broadcast.packet(), broadcast.options())
        ? KeptOffsets.offset(broadcast) : null;
    if (offset != null) {
      // a kept broadcast carries its offset last (publishKept): taken off, and given back as the offset
      onMessage(received.uid(), KeptOffsets.withoutOffset(broadcast), offset);
    } else {
      onMessage(received.uid(), broadcast);
    }
  }

  private void onRequest(String from, byte[] message) {
    boolean response = from.startsWith(responseChannel);
    if (!response && !from.equals(requestChannel)) {
      return;
    }
    JsonNode tree = Messages.parseObject(namespace.mapper(), message);
    if (tree == null) {
      log.debug("ignoring a malformed message on {}", from);
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
      Messages.apply(s, socket.socket());
      if (s.requestId() != null) {
        publishResponse(from, new Done(s.requestId()));
      }
    } else {
      super.onOtherMessage(from, message);
    }
  }
}
