package dev.sio4j.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.redis.RedisStreamsAdapterOptions;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.ClusterMessage;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastAck;
import dev.sio4j.server.adapter.ClusterMessage.FetchSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSocketsResponse;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmit;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmitResponse;
import dev.sio4j.server.adapter.ClusterMessageCodec;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis streams adapter of one namespace, wire-compatible with {@code @socket.io/redis-streams-adapter} 0.3.x:
 * <ul>
 *   <li>what must reach every server and may be replayed (broadcasts without acks, {@code socketsJoin},
 *       {@code socketsLeave}, {@code disconnectSockets}) is added to the stream ({@code XADD <stream> MAXLEN ~ <maxLen>
 *       *}) as the fields {@code uid}, {@code nsp}, {@code type} (the cluster format's number, as text) and
 *       {@code data} (JSON, or the base64 of its msgpack when it holds binary), and read back by every server
 *       ({@link RedisStreamReader}); the entry id is the broadcast's recovery offset on every server;
 *   <li>the requests that need no log (broadcasts with acks, {@code fetchSockets}, server-side emits) are published on
 *       {@code <prefix>#<nsp>#}, the responses on the requester's {@code <prefix>#<nsp>#<uid>#}, both as the msgpack of
 *       the cluster message;
 *   <li>the server count is {@code PUBSUB NUMSUB <prefix>#<nsp>#}, as the reference 0.3 counts (it sends no
 *       heartbeats, so a Node server idle for a while would not be counted by heartbeats);
 *   <li>connection state recovery is shared by the cluster ({@link RedisRecoveryStore}): sessions as keys, missed
 *       packets read from the stream, so a socket recovers on any server; from the latest entries this server's
 *       reader handed over ({@link RecentEntries}, {@code recentEntries} of the options) when the client's offset is
 *       among them.
 * </ul>
 * Thread-safe. Stream entries and pub/sub messages are handled on Lettuce's I/O threads, each source in order;
 * futures and callbacks complete on Lettuce's computation pool.
 */
public final class RedisStreamsAdapter extends RedisAdapterBase {
  private static final Logger log = LoggerFactory.getLogger(RedisStreamsAdapter.class);

  private final RedisStreamReader reader;
  private final RedisStreamsAdapterOptions options;
  private final ObjectMapper mapper;
  private final String publicChannel;
  private final String privateChannel;
  private final BiConsumer<String, byte[]> onPubSub = this::onPubSubMessage;
  // null without shared recovery or with recentEntries 0
  private final RecentEntries recent;

  /** The adapter of {@code namespace} over {@code redis}, its stream entries read by {@code reader}. */
  public RedisStreamsAdapter(AdapterNamespace namespace, RedisConnections redis, RedisStreamReader reader,
      RedisStreamsAdapterOptions options) {
    super(namespace, redis, options.requestsTimeout(), true, options.sessionKeyPrefix());
    this.reader = reader;
    this.options = options;
    this.mapper = namespace.mapper();
    this.publicChannel = options.channelPrefix() + "#" + namespace.name() + "#";
    this.privateChannel = publicChannel + uid() + "#";
    this.recent = sharesRecovery() && options.recentEntries() > 0 ? new RecentEntries(options.recentEntries()) : null;
  }

  @Override
  protected CompletableFuture<Void> listen() {
    CompletableFuture<Void> subscribed = CompletableFuture.allOf(redis.subscribe(publicChannel, onPubSub),
        redis.subscribe(privateChannel, onPubSub));
    reader.register(namespace.name(), this::onEntry, options.recentEntries(),
        recent == null ? null : entry -> recent.add(entry.getId(), kept(decodeEntry(entry))));
    return subscribed;
  }

  @Override
  protected void unlisten() {
    reader.unregister(namespace.name());
    redis.unsubscribe(publicChannel, onPubSub);
    redis.unsubscribe(privateChannel, onPubSub);
    if (recent != null) {
      recent.clear();
    }
  }

  // the reference's isEphemeral: answered at once or never, so not worth a place in the log
  private static boolean isEphemeral(ClusterMessage message) {
    return (message instanceof Broadcast b && b.requestId() != null) || message instanceof ServerSideEmit
        || message instanceof FetchSockets;
  }

  @Override
  protected CompletableFuture<Void> doPublish(ClusterMessage message) {
    return doPublishAndReturnOffset(message).thenApply(offset -> null);
  }

  /** Completes with the stream entry id of a message kept in the stream, {@code null} for a pub/sub one. */
  @Override
  protected CompletableFuture<String> doPublishAndReturnOffset(ClusterMessage message) {
    ObjectNode tree = ClusterMessageCodec.encode(uid(), namespace.name(), message);
    if (isEphemeral(message)) {
      return redis.publish(publicChannel, MsgpackWriter.encode(tree)).thenApply(v -> null);
    }
    Map<String, byte[]> fields = new LinkedHashMap<>();
    fields.put("uid", RedisRecoveryStore.utf8(uid()));
    fields.put("nsp", RedisRecoveryStore.utf8(namespace.name()));
    fields.put("type", RedisRecoveryStore.utf8(tree.get("type").asText()));
    JsonNode data = tree.get("data");
    if (data != null) {
      fields.put("data", RedisRecoveryStore.utf8(encodeData(message, data)));
    }
    try {
      return redis.link().streams()
          .xadd(options.streamName(), XAddArgs.Builder.maxlen(options.maxLen()).approximateTrimming(), fields)
          .toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  // JSON, or the base64 of the msgpack when a message that may carry binary does (Node's JSON would mangle it)
  private String encodeData(ClusterMessage message, JsonNode data) {
    boolean mayCarryBinary = message instanceof Broadcast || message instanceof BroadcastAck
        || message instanceof FetchSocketsResponse || message instanceof ServerSideEmit
        || message instanceof ServerSideEmitResponse;
    if (mayCarryBinary && ClusterMessageCodec.hasBinary(data)) {
      return Base64.getEncoder().encodeToString(MsgpackWriter.encode(data));
    }
    try {
      return mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a cluster message: " + e.getMessage(), e);
    }
  }

  @Override
  protected CompletableFuture<Void> doPublishResponse(String requesterUid, Response response) {
    ObjectNode tree = ClusterMessageCodec.encode(uid(), namespace.name(), response);
    return redis.publish(publicChannel + requesterUid + "#", MsgpackWriter.encode(tree));
  }

  /** {@code PUBSUB NUMSUB} of the namespace's channel: every server of this namespace, this one included. */
  @Override
  public CompletableFuture<Integer> serverCountAsync() {
    return redis.numsub(publicChannel);
  }

  // --- connection state recovery, shared by the cluster -------------------------------------------------------------

  @Override
  protected String recoveryStream() {
    return options.streamName();
  }

  @Override
  protected Broadcast keptBroadcast(StreamMessage<String, byte[]> entry) {
    return kept(decodeEntry(entry));
  }

  private Broadcast kept(ClusterMessageCodec.Envelope envelope) {
    return envelope != null && namespace.name().equals(envelope.nsp()) && envelope.message() instanceof Broadcast b
        && b.requestId() == null ? b : null;
  }

  @Override
  RecentEntries recentEntries() {
    return recent;
  }

  // --- incoming -----------------------------------------------------------------------------------------------------

  private void onEntry(StreamMessage<String, byte[]> entry) {
    ClusterMessageCodec.Envelope envelope = decodeEntry(entry);
    if (recent != null) {
      // every entry of the namespace, this server's own too, so that the recent entries have no gaps
      recent.add(entry.getId(), kept(envelope));
    }
    if (envelope == null || !namespace.name().equals(envelope.nsp())) {
      log.debug("ignoring stream entry {}: malformed, of an unknown type or of another namespace", entry.getId());
      return;
    }
    onMessage(envelope.uid(), envelope.message(), entry.getId());
  }

  /** An entry as the reference's {@code decode}: data starting with '{' is JSON, else base64 msgpack. */
  private ClusterMessageCodec.Envelope decodeEntry(StreamMessage<String, byte[]> entry) {
    Map<String, byte[]> body = entry.getBody();
    byte[] uid = body.get("uid");
    byte[] nsp = body.get("nsp");
    byte[] type = body.get("type");
    if (uid == null || nsp == null || type == null) {
      return null;
    }
    ObjectNode tree = mapper.createObjectNode();
    tree.put("uid", new String(uid, StandardCharsets.UTF_8));
    tree.put("nsp", new String(nsp, StandardCharsets.UTF_8));
    try {
      tree.put("type", Integer.parseInt(new String(type, StandardCharsets.UTF_8)));
      byte[] data = body.get("data");
      if (data != null && data.length > 0) {
        tree.set("data", data[0] == '{' ? mapper.readTree(data) : MsgpackReader.decode(Base64.getDecoder().decode(data)));
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return ClusterMessageCodec.decode(tree);
  }

  // on Lettuce's I/O thread, in order
  private void onPubSubMessage(String channel, byte[] message) {
    ClusterMessageCodec.Envelope envelope;
    try {
      envelope = ClusterMessageCodec.decode(MsgpackReader.decode(message));
    } catch (IllegalArgumentException e) {
      log.debug("ignoring a malformed message on {}", channel, e);
      return;
    }
    if (envelope == null || !namespace.name().equals(envelope.nsp())) {
      log.debug("ignoring a message of unknown type or of another namespace on {}", channel);
      return;
    }
    if (envelope.message() instanceof Response response) {
      if (channel.equals(privateChannel)) {
        onResponse(envelope.uid(), response);
      }
    } else {
      onMessage(envelope.uid(), envelope.message(), null);
    }
  }
}
