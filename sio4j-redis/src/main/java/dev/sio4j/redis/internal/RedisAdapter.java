package dev.sio4j.redis.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisClusterAdapter;
import dev.sio4j.redis.RedisRequestTimeoutException;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.InMemoryAdapter;
import dev.sio4j.server.adapter.LocalSocket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic Redis pub/sub adapter of one namespace, byte-compatible with {@code @socket.io/redis-adapter} 8.x
 * ({@code createAdapter(pubClient, subClient)}): local rooms as {@link InMemoryAdapter}, plus
 * <ul>
 *   <li>broadcasts published as msgpack {@code [uid, packet, {rooms, except, flags}]} on {@code <key>#<nsp>#} (or
 *       {@code <key>#<nsp>#<room>#} for a single room, which servers without that room skip unread);
 *   <li>requests on {@code <key>-request#<nsp>#} (JSON, except BROADCAST in msgpack) and responses on
 *       {@code <key>-response#<nsp>#} (JSON, except BROADCAST_ACK in msgpack);
 *   <li>the server count as {@code PUBSUB NUMSUB <key>-request#<nsp>#}.
 * </ul>
 * Socket operations ({@code socketsJoin}, {@code disconnectSockets}...) apply here at once and are published for the
 * others; this server skips its own requests by uid. Thread-safe; nothing here blocks except {@link #serverCount()}.
 */
public final class RedisAdapter extends InMemoryAdapter implements RedisClusterAdapter {
  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

  private final RedisConnections redis;
  private final RedisAdapterOptions options;
  private final ObjectMapper mapper;
  private final String uid;
  private final String channel;
  private final String pattern;
  private final String requestChannel;
  private final String responseChannel;
  private final String specificResponseChannel;
  private final Map<String, Pending<?>> requests = new ConcurrentHashMap<>();
  private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();
  private final BiConsumer<String, byte[]> onBroadcast = this::onBroadcast;
  private final BiConsumer<String, byte[]> onRequest = this::onRequest;
  private volatile Executor callbacks;
  private volatile boolean closed;

  /** The adapter of {@code namespace} over {@code redis}. */
  public RedisAdapter(AdapterNamespace namespace, RedisConnections redis, RedisAdapterOptions options) {
    super(namespace);
    this.redis = redis;
    this.options = options;
    this.mapper = namespace.mapper();
    this.uid = namespace.newId();
    String prefix = options.key();
    String nsp = namespace.name();
    this.channel = prefix + "#" + nsp + "#";
    this.pattern = escapeGlob(channel) + "*";
    this.requestChannel = prefix + "-request#" + nsp + "#";
    this.responseChannel = prefix + "-response#" + nsp + "#";
    this.specificResponseChannel = responseChannel + uid + "#";
  }

  // the reference subscribes to the raw name; escaping keeps a namespace like "/a*" from matching "/ab"'s channels
  private static String escapeGlob(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  @Override
  public String uid() {
    return uid;
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
    if (closed) {
      return;
    }
    closed = true;
    redis.punsubscribe(pattern, onBroadcast);
    redis.unsubscribe(requestChannel, onRequest);
    redis.unsubscribe(responseChannel, onRequest);
    redis.unsubscribe(specificResponseChannel, onRequest);
    redis.release();
    requests.values().forEach(r -> r.cancel());
    requests.clear();
    ackRequests.clear();
    super.close();
  }

  // --- outgoing ---------------------------------------------------------------------------------------------------

  private void publish(String target, byte[] message) {
    if (closed) {
      return;
    }
    try {
      redis.pub().async().publish(target, message).exceptionally(e -> {
        log.warn("publish to {} failed", target, e);
        return 0L;
      });
    } catch (RuntimeException e) {
      log.warn("publish to {} failed", target, e);
    }
  }

  private void publishJson(String target, ObjectNode message) {
    try {
      publish(target, mapper.writeValueAsBytes(message));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a cluster message: " + e.getMessage(), e);
    }
  }

  private ObjectNode request(int type) {
    ObjectNode node = mapper.createObjectNode();
    node.put("uid", uid);
    node.put("type", type);
    return node;
  }

  @Override
  public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
    if (!options.local()) {
      ArrayNode message = mapper.createArrayNode();
      message.add(uid);
      message.add(Messages.packet(packet));
      message.add(Messages.options(options, true));
      String target = options.rooms().size() == 1 ? channel + options.rooms().iterator().next() + "#" : channel;
      publish(target, MsgpackWriter.encode(message));
    }
    super.broadcast(packet, options);
  }

  @Override
  public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
      Consumer<Arguments> ack) {
    if (!options.local()) {
      String requestId = namespace.newId();
      ObjectNode request = request(Messages.BROADCAST);
      request.put("requestId", requestId);
      request.set("packet", Messages.packet(packet));
      request.set("opts", Messages.options(options, true));
      ackRequests.put(requestId, new AckRequest(clientCount, ack));
      // as the reference: no way to know when every remote client answered, so forget the request after the timeout
      long keep = options.timeoutMillis() > 0 ? options.timeoutMillis() : this.options.requestsTimeout().toMillis();
      namespace.scheduler().schedule(() -> ackRequests.remove(requestId), keep, TimeUnit.MILLISECONDS);
      publish(requestChannel, MsgpackWriter.encode(request));
    }
    super.broadcastWithAck(packet, options, clientCount, ack);
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
    List<RemoteSocket> local = super.fetchSockets(options).join();
    if (options.local()) {
      return CompletableFuture.completedFuture(local);
    }
    List<RemoteSocket> all = new ArrayList<>(local);
    ObjectNode request = request(Messages.REMOTE_FETCH);
    request.set("opts", Messages.options(options, false));
    return collect("fetchSockets", request, answer -> {
      JsonNode sockets = answer.get("sockets");
      if (sockets != null && sockets.isArray()) {
        for (JsonNode node : sockets) {
          ClusterSocket socket = ClusterSocket.of(this, namespace.name(), mapper, node);
          if (socket != null) {
            all.add(socket);
          }
        }
      }
    }, () -> List.copyOf(all));
  }

  @Override
  public CompletableFuture<Set<String>> allRooms() {
    Set<String> all = new java.util.HashSet<>(rooms());
    return collect("allRooms", request(Messages.ALL_ROOMS), answer -> all.addAll(Messages.set(answer.get("rooms"))),
        () -> Set.copyOf(all));
  }

  /**
   * Publishes {@code request} (a fresh requestId added) when other servers exist, merges each answer and completes
   * with {@code finish} once every server answered, or fails after {@code requestsTimeout}. {@code merge} and
   * {@code finish} run under the request's lock.
   */
  private <T> CompletableFuture<T> collect(String name, ObjectNode request, Consumer<JsonNode> merge,
      java.util.function.Supplier<T> finish) {
    return collect(request, merge, finish, this.options.requestsTimeout().toMillis(),
        (numSub, received) -> new RedisRequestTimeoutException(name, numSub, received));
  }

  /** {@link #collect(String, ObjectNode, Consumer, java.util.function.Supplier)} with its own timeout and failure. */
  private <T> CompletableFuture<T> collect(ObjectNode request, Consumer<JsonNode> merge,
      java.util.function.Supplier<T> finish, long timeoutMillis,
      java.util.function.BiFunction<Integer, Integer, RuntimeException> timedOut) {
    CompletableFuture<T> result = new CompletableFuture<>();
    serverCountAsync().whenComplete((numSub, error) -> {
      if (error != null) {
        complete(result, null, error);
        return;
      }
      if (numSub <= 1) {
        complete(result, finish.get(), null);
        return;
      }
      String requestId = namespace.newId();
      Pending<T> pending = new Pending<>(numSub, merge, finish, result);
      requests.put(requestId, pending);
      pending.timeout = namespace.scheduler().schedule(() -> {
        if (requests.remove(requestId, pending)) {
          RuntimeException failure;
          synchronized (pending) {
            failure = timedOut.apply(numSub, pending.count());
          }
          complete(result, null, failure);
        }
      }, timeoutMillis, TimeUnit.MILLISECONDS);
      request.put("requestId", requestId);
      publishJson(requestChannel, request);
    });
    return result;
  }

  // completed off Lettuce's I/O thread: what the application chains on it must not hold up Redis traffic
  private <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
    Executor executor = callbacks;
    Runnable task = () -> {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    };
    if (executor == null) {
      task.run();
    } else {
      executor.execute(task);
    }
  }

  @Override
  public void addSockets(BroadcastOptions options, Set<String> rooms) {
    super.addSockets(options, rooms);
    if (!options.local()) {
      ObjectNode request = request(Messages.REMOTE_JOIN);
      request.set("opts", Messages.options(options, false));
      request.set("rooms", Messages.strings(rooms));
      publishJson(requestChannel, request);
    }
  }

  @Override
  public void delSockets(BroadcastOptions options, Set<String> rooms) {
    super.delSockets(options, rooms);
    if (!options.local()) {
      ObjectNode request = request(Messages.REMOTE_LEAVE);
      request.set("opts", Messages.options(options, false));
      request.set("rooms", Messages.strings(rooms));
      publishJson(requestChannel, request);
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    if (!options.local()) {
      ObjectNode request = request(Messages.REMOTE_DISCONNECT);
      request.set("opts", Messages.options(options, false));
      request.put("close", close);
      publishJson(requestChannel, request);
    }
    super.disconnectSockets(options, close);
  }

  @Override
  public void serverSideEmit(List<JsonNode> packet) {
    ObjectNode request = request(Messages.SERVER_SIDE_EMIT);
    ArrayNode data = request.putArray("data");
    packet.forEach(data::add);
    publishJson(requestChannel, request);
  }

  /**
   * The reference's {@code serverSideEmit} with a callback: a SERVER_SIDE_EMIT request with a requestId; each other
   * server answers once on the response channel with {@code {type, requestId, data}}.
   */
  @Override
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(List<JsonNode> packet, long timeoutMillis) {
    ObjectNode request = request(Messages.SERVER_SIDE_EMIT);
    ArrayNode data = request.putArray("data");
    packet.forEach(data::add);
    List<Arguments> answers = new ArrayList<>();
    long timeout = timeoutMillis > 0 ? timeoutMillis : options.requestsTimeout().toMillis();
    return collect(request, answer -> {
      JsonNode value = answer.get("data");
      answers.add(new Arguments(value == null ? List.of() : List.of(value), mapper));
    }, () -> List.copyOf(answers), timeout, (numSub, received) -> new AckTimeoutException(timeout, answers));
  }

  /** {@code PUBSUB NUMSUB} of the request channel: every server subscribed to this namespace, this one included. */
  @Override
  public CompletableFuture<Integer> serverCountAsync() {
    try {
      return redis.pub().async().pubsubNumsub(requestChannel).toCompletableFuture()
          .thenApply(counts -> counts.values().stream().mapToInt(Long::intValue).sum());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Blocks for {@link #serverCountAsync()}, at most {@code requestsTimeout}: never call it on an I/O thread. */
  @Override
  public int serverCount() {
    try {
      return serverCountAsync().get(options.requestsTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while counting servers", e);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
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
    if (!decoded.isArray() || decoded.size() < 3 || uid.equals(decoded.get(0).asText())) {
      return;
    }
    SocketIoPacket packet = Messages.packet(decoded.get(1), namespace.name());
    if (packet == null) {
      return;
    }
    super.broadcast(packet, Messages.options(decoded.get(2)));
  }

  private void onRequest(String from, byte[] message) {
    if (from.startsWith(responseChannel)) {
      onResponse(message);
      return;
    }
    if (!from.equals(requestChannel)) {
      return;
    }
    JsonNode request;
    try {
      request = Messages.parse(mapper, message);
    } catch (IOException | IllegalArgumentException e) {
      log.debug("ignoring a malformed request", e);
      return;
    }
    if (!request.isObject()) {
      return;
    }
    String requestId = request.path("requestId").asText(null);
    boolean own = uid.equals(request.path("uid").asText(null));
    switch (request.path("type").asInt(-1)) {
      case Messages.SOCKETS -> {
        if (own) {
          return;
        }
        ObjectNode response = mapper.createObjectNode().put("requestId", requestId);
        response.set("sockets", Messages.strings(super.sockets(Messages.set(request.get("rooms")))));
        publishResponse(request, response);
      }
      case Messages.ALL_ROOMS -> {
        if (own) {
          return;
        }
        ObjectNode response = mapper.createObjectNode().put("requestId", requestId);
        response.set("rooms", Messages.strings(Set.copyOf(rooms())));
        publishResponse(request, response);
      }
      case Messages.REMOTE_JOIN, Messages.REMOTE_LEAVE, Messages.REMOTE_DISCONNECT -> {
        if (!own) {
          onSocketOperation(request, requestId);
        }
      }
      case Messages.REMOTE_FETCH -> {
        if (own) {
          return;
        }
        ObjectNode response = mapper.createObjectNode().put("requestId", requestId);
        ArrayNode sockets = response.putArray("sockets");
        for (RemoteSocket socket : super.fetchSockets(Messages.options(request.get("opts"))).join()) {
          sockets.add(ClusterSocket.describe(mapper, socket));
        }
        publishResponse(request, response);
      }
      case Messages.SERVER_SIDE_EMIT -> {
        JsonNode data = request.get("data");
        if (own || data == null || !data.isArray() || data.isEmpty()) {
          return;
        }
        List<JsonNode> args = new ArrayList<>(data.size() - 1);
        for (int i = 1; i < data.size(); i++) {
          args.add(data.get(i));
        }
        String event = data.get(0).asText();
        if (requestId == null) {
          namespace.receiveServerSideEmit(event, new Arguments(args, mapper));
          return;
        }
        // the sender waits for one answer from this server: the first a listener gives
        namespace.receiveServerSideEmit(event, new Arguments(args, mapper), value -> {
          ObjectNode response = mapper.createObjectNode()
              .put("type", Messages.SERVER_SIDE_EMIT).put("requestId", requestId);
          response.set("data", value);
          publishResponse(request, response);
        });
      }
      case Messages.BROADCAST -> {
        if (requestId == null || ackRequests.containsKey(requestId)) {
          return; // our own
        }
        SocketIoPacket packet = Messages.packet(request.get("packet"), namespace.name());
        if (packet == null) {
          return;
        }
        super.broadcastWithAck(packet, Messages.options(request.get("opts")),
            count -> publishResponse(request, mapper.createObjectNode()
                .put("type", Messages.BROADCAST_CLIENT_COUNT).put("requestId", requestId).put("clientCount", count)),
            args -> {
              ObjectNode response = mapper.createObjectNode()
                  .put("type", Messages.BROADCAST_ACK).put("requestId", requestId);
              // the reference passes on the first argument of each client's acknowledgement
              response.set("packet", args.isEmpty() ? null : args.get(0));
              publish(responseChannelOf(request), MsgpackWriter.encode(response));
            });
      }
      default -> log.debug("ignoring a request of unknown type {}", request.get("type"));
    }
  }

  /** REMOTE_JOIN / REMOTE_LEAVE / REMOTE_DISCONNECT: with {@code opts} for targets, or one {@code sid} (older form). */
  private void onSocketOperation(JsonNode request, String requestId) {
    int type = request.path("type").asInt();
    JsonNode opts = request.get("opts");
    if (opts != null && opts.isObject()) {
      BroadcastOptions targets = Messages.options(opts);
      switch (type) {
        case Messages.REMOTE_JOIN -> super.addSockets(targets, Messages.set(request.get("rooms")));
        case Messages.REMOTE_LEAVE -> super.delSockets(targets, Messages.set(request.get("rooms")));
        default -> super.disconnectSockets(targets, request.path("close").asBoolean(false));
      }
      return;
    }
    LocalSocket socket = namespace.socket(request.path("sid").asText(""));
    if (socket == null) {
      return;
    }
    switch (type) {
      case Messages.REMOTE_JOIN -> socket.socket().join(request.path("room").asText());
      case Messages.REMOTE_LEAVE -> socket.socket().leave(request.path("room").asText());
      default -> socket.socket().disconnect(request.path("close").asBoolean(false));
    }
    publishResponse(request, mapper.createObjectNode().put("requestId", requestId));
  }

  private String responseChannelOf(JsonNode request) {
    return options.publishOnSpecificResponseChannel()
        ? responseChannel + request.path("uid").asText() + "#"
        : responseChannel;
  }

  private void publishResponse(JsonNode request, ObjectNode response) {
    publishJson(responseChannelOf(request), response);
  }

  private void onResponse(byte[] message) {
    JsonNode response;
    try {
      response = Messages.parse(mapper, message);
    } catch (IOException | IllegalArgumentException e) {
      log.debug("ignoring a malformed response", e);
      return;
    }
    String requestId = response.path("requestId").asText(null);
    if (requestId == null) {
      return;
    }
    AckRequest ack = ackRequests.get(requestId);
    if (ack != null) {
      Executor executor = callbacks;
      switch (response.path("type").asInt(-1)) {
        case Messages.BROADCAST_CLIENT_COUNT -> {
          int count = response.path("clientCount").asInt(0);
          executor.execute(() -> ack.clientCount.accept(count));
        }
        case Messages.BROADCAST_ACK -> {
          JsonNode value = response.get("packet");
          Arguments args = new Arguments(value == null ? List.of() : List.of(value), mapper);
          executor.execute(() -> ack.ack.accept(args));
        }
        default -> { }
      }
      return;
    }
    Pending<?> pending = requests.get(requestId);
    if (pending != null && pending.add(response) && requests.remove(requestId, pending)) {
      pending.finish();
    }
  }

  private record AckRequest(IntConsumer clientCount, Consumer<Arguments> ack) {}

  /** A request waiting for the other servers' answers: done when every server answered. */
  private final class Pending<T> {
    private final int expected;
    private final Consumer<JsonNode> merge;
    private final java.util.function.Supplier<T> finish;
    private final CompletableFuture<T> result;
    private int count = 1; // this server's own part
    volatile ScheduledFuture<?> timeout;

    Pending(int expected, Consumer<JsonNode> merge, java.util.function.Supplier<T> finish,
        CompletableFuture<T> result) {
      this.expected = expected;
      this.merge = merge;
      this.finish = finish;
      this.result = result;
    }

    /** Merges one server's answer; true when it was the last. */
    synchronized boolean add(JsonNode answer) {
      count++;
      merge.accept(answer);
      return count >= expected;
    }

    synchronized int count() {
      return count;
    }

    void finish() {
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
      T value;
      synchronized (this) {
        value = finish.get();
      }
      complete(result, value, null);
    }

    void cancel() {
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
      result.completeExceptionally(new java.util.concurrent.CancellationException("adapter closed"));
    }
  }
}
