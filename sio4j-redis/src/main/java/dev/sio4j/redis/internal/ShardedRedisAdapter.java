package dev.sio4j.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.redis.ShardedRedisAdapterOptions;
import dev.sio4j.redis.ShardedRedisAdapterOptions.SubscriptionMode;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.ClusterMessage;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastAck;
import dev.sio4j.server.adapter.ClusterMessage.FetchSocketsResponse;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmit;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmitResponse;
import dev.sio4j.server.adapter.ClusterMessageCodec;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharded Redis pub/sub adapter of one namespace, byte-compatible with the reference's sharded adapter
 * ({@code @socket.io/redis-adapter} 8.x {@code createShardedAdapter}, Redis 7+): the messages of
 * {@link ClusterAdapter} in the reference's cluster format ({@link ClusterMessageCodec}), written as JSON, or as
 * msgpack when a message that may carry binary does, and sent with {@code SPUBLISH}:
 * <ul>
 *   <li>messages on {@code <prefix>#<nsp>#}; in the dynamic modes, a broadcast without acks to a single room on
 *       {@code <prefix>#<nsp>#<room>#}, which only the servers having that room subscribe to (a socket's own room
 *       only in {@code DYNAMIC_PRIVATE});
 *   <li>responses on the requester's {@code <prefix>#<nsp>#<uid>#};
 *   <li>the server count as {@code PUBSUB SHARDNUMSUB <prefix>#<nsp>#}.
 * </ul>
 * Thread-safe. Messages are handled on Lettuce's I/O thread, in order; futures and callbacks complete on Lettuce's
 * computation pool. Room channels are subscribed when a room is created and unsubscribed when it is deleted.
 */
public final class ShardedRedisAdapter extends RedisAdapterBase {
  private static final Logger log = LoggerFactory.getLogger(ShardedRedisAdapter.class);
  /** The length of a socket id: the reference's dynamic mode gives such rooms no channel of their own. */
  private static final int SOCKET_ID_LENGTH = 20;

  private final SubscriptionMode mode;
  private final ObjectMapper mapper;
  private final String channel;
  private final String responseChannel;
  private final Set<String> roomChannels = new HashSet<>(); // rooms subscribed to, guarded by itself
  private final BiConsumer<String, byte[]> onMessage = this::onRawMessage;

  /** The adapter of {@code namespace} over {@code redis}. */
  public ShardedRedisAdapter(AdapterNamespace namespace, RedisConnections redis, ShardedRedisAdapterOptions options) {
    super(namespace, redis, options.requestsTimeout(), false, null);
    this.mode = options.subscriptionMode();
    this.mapper = namespace.mapper();
    this.channel = options.channelPrefix() + "#" + namespace.name() + "#";
    this.responseChannel = channel + uid() + "#";
  }

  @Override
  protected CompletableFuture<Void> listen() {
    CompletableFuture<Void> subscribed = CompletableFuture.allOf(redis.ssubscribe(channel, onMessage),
        redis.ssubscribe(responseChannel, onMessage));
    rooms().forEach(this::onRoomCreated);
    return subscribed;
  }

  @Override
  protected void unlisten() {
    redis.sunsubscribe(channel, onMessage);
    redis.sunsubscribe(responseChannel, onMessage);
    synchronized (roomChannels) {
      roomChannels.forEach(room -> redis.sunsubscribe(roomChannel(room), onMessage));
      roomChannels.clear();
    }
  }

  private String roomChannel(String room) {
    return channel + room + "#";
  }

  // the reference's rule: in "dynamic", rooms named by the application; in "dynamic-private", every room
  private boolean hasOwnChannel(String room, boolean socketRoom) {
    return mode == SubscriptionMode.DYNAMIC_PRIVATE || (mode == SubscriptionMode.DYNAMIC && !socketRoom);
  }

  @Override
  protected void onRoomCreated(String room) {
    if (mode == SubscriptionMode.STATIC || isClosed() || !hasOwnChannel(room, isSocketId(room))) {
      return;
    }
    // under the lock, from the current state: creations and deletions of a room may race on other threads
    synchronized (roomChannels) {
      if (!isClosed() && rooms().contains(room) && roomChannels.add(room)) {
        redis.ssubscribe(roomChannel(room), onMessage).exceptionally(e -> {
          log.warn("subscribing to room {} failed", room, e);
          return null;
        });
      }
    }
  }

  @Override
  protected void onRoomDeleted(String room) {
    synchronized (roomChannels) {
      if (!rooms().contains(room) && roomChannels.remove(room)) {
        redis.sunsubscribe(roomChannel(room), onMessage);
      }
    }
  }

  @Override
  protected CompletableFuture<Void> doPublish(ClusterMessage message) {
    String target = channel;
    // a broadcast with acks stays on the namespace's channel: every server counts its clients, room or not
    if (message instanceof Broadcast b && b.requestId() == null && b.options().rooms().size() == 1) {
      String room = b.options().rooms().iterator().next();
      if (hasOwnChannel(room, room.length() == SOCKET_ID_LENGTH)) {
        target = roomChannel(room);
      }
    }
    return redis.spublish(target, encode(message));
  }

  @Override
  protected CompletableFuture<Void> doPublishResponse(String requesterUid, Response response) {
    return redis.spublish(channel + requesterUid + "#", encode(response));
  }

  private byte[] encode(ClusterMessage message) {
    ObjectNode tree = ClusterMessageCodec.encode(uid(), namespace.name(), message);
    boolean mayCarryBinary = message instanceof Broadcast || message instanceof BroadcastAck
        || message instanceof FetchSocketsResponse || message instanceof ServerSideEmit
        || message instanceof ServerSideEmitResponse;
    if (mayCarryBinary && ClusterMessageCodec.hasBinary(tree.get("data"))) {
      return MsgpackWriter.encode(tree);
    }
    try {
      return mapper.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a cluster message: " + e.getMessage(), e);
    }
  }

  /** {@code PUBSUB SHARDNUMSUB} of the namespace's channel: every server of this namespace, this one included. */
  @Override
  public CompletableFuture<Integer> serverCountAsync() {
    return redis.shardNumsub(channel);
  }

  // on Lettuce's I/O thread, in order
  private void onRawMessage(String from, byte[] message) {
    ClusterMessageCodec.Envelope envelope;
    try {
      JsonNode tree = message.length > 0 && message[0] == '{' ? mapper.readTree(message) : MsgpackReader.decode(message);
      envelope = ClusterMessageCodec.decode(tree);
    } catch (IOException | IllegalArgumentException e) {
      log.debug("ignoring a malformed message on {}", from, e);
      return;
    }
    if (envelope == null || !namespace.name().equals(envelope.nsp())) {
      log.debug("ignoring a message of unknown type or of another namespace on {}", from);
      return;
    }
    if (from.equals(responseChannel) && envelope.message() instanceof Response response) {
      onResponse(envelope.uid(), response);
    } else {
      onMessage(envelope.uid(), envelope.message());
    }
  }
}
