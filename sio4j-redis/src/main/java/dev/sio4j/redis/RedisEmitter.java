package dev.sio4j.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.redis.internal.RedisLink;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends to the clients of a Socket.IO cluster from any JVM process, through Redis, without a Socket.IO server of its
 * own: the counterpart of {@code @socket.io/redis-emitter} 5.x, byte for byte, so its messages reach the servers of
 * the classic Redis adapter, sio4j's ({@link RedisAdapterFactory}) and Node's ({@code @socket.io/redis-adapter}).
 *
 * <pre>{@code
 * try (RedisEmitter emitter = RedisEmitter.create("redis://127.0.0.1:6379")) {
 *   emitter.to("room1").except("room2").emit("news", Map.of("title", "hello"), new byte[] {1, 2});
 *   emitter.of("/admin").in("room1").socketsJoin("room3");
 *   emitter.serverSideEmit("ping", 1);
 * }
 * }</pre>
 *
 * <p>An emitter is an immutable target: a namespace ({@link #of}), rooms ({@link #to}), rooms left out
 * ({@link #except}) and flags ({@link #volatileFlag()}, {@link #compress}); each of those methods returns a new
 * emitter sharing the same Redis connection. What it can send, as the reference: events to the targeted sockets
 * ({@link #emit}, with binary arguments as {@code byte[]}), room changes ({@link #socketsJoin}, {@link #socketsLeave}),
 * disconnections ({@link #disconnectSockets}) and events for the servers' own listeners ({@link #serverSideEmit}).
 * None expects an answer (an emitter is not a node of the cluster: its messages carry the uid {@code "emitter"}); each
 * returns a future that completes when Redis took the message.
 *
 * <p>Lifecycle: {@code create} connects (blocking for the connection); {@link #close()} on any emitter derived from it
 * closes the shared connection, and shuts down the client when the emitter created it. Thread-safe.
 */
public final class RedisEmitter implements AutoCloseable {
  /** The uid of every emitter's messages: servers handle them and never answer. */
  static final String UID = "emitter";
  /** The event names a Socket.IO client keeps for itself (the reference's {@code RESERVED_EVENTS}). */
  private static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect",
      "disconnecting", "newListener", "removeListener");
  // the classic adapter's request types (@socket.io/redis-adapter 8.x RequestType)
  private static final int REMOTE_JOIN = 2;
  private static final int REMOTE_LEAVE = 3;
  private static final int REMOTE_DISCONNECT = 4;
  private static final int SERVER_SIDE_EMIT = 6;
  private static final int EVENT = 2; // the Socket.IO packet type (socket.io-protocol v5, "EVENT")
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final RedisLink link;
  private final RedisEmitterOptions options;
  private final String namespace;
  private final Set<String> rooms;
  private final Set<String> except;
  private final Boolean volatileFlag; // null: not set, as the reference leaves the flag out
  private final Boolean compress;

  private RedisEmitter(RedisLink link, RedisEmitterOptions options, String namespace, Set<String> rooms,
      Set<String> except, Boolean volatileFlag, Boolean compress) {
    this.link = link;
    this.options = options;
    this.namespace = namespace;
    this.rooms = rooms;
    this.except = except;
    this.volatileFlag = volatileFlag;
    this.compress = compress;
  }

  private static RedisEmitter open(RedisLink.Opener opener, RedisEmitterOptions options) {
    Objects.requireNonNull(options, "options");
    return new RedisEmitter(opener.open(false), options, "/", Set.of(), Set.of(), null, null);
  }

  /** An emitter of the main namespace over a client of its own for {@code uri} ({@code redis://host:port}). */
  public static RedisEmitter create(String uri, RedisEmitterOptions options) {
    return open(RedisLink.standalone(uri), options);
  }

  /** An emitter of the main namespace over a client of its own for {@code uri}, with the defaults. */
  public static RedisEmitter create(String uri) {
    return create(uri, RedisEmitterOptions.defaults());
  }

  /** An emitter over a connection of {@code client}, which stays open when the emitter closes. */
  public static RedisEmitter create(RedisClient client, RedisEmitterOptions options) {
    Objects.requireNonNull(client, "client");
    return open(RedisLink.standalone(() -> client, false), options);
  }

  /** An emitter over a Redis Cluster client of its own, which learns the cluster from {@code nodeUris}. */
  public static RedisEmitter createCluster(List<String> nodeUris, RedisEmitterOptions options) {
    return open(RedisLink.cluster(nodeUris), options);
  }

  /** An emitter over a connection of the Redis Cluster client {@code client}, which stays open when it closes. */
  public static RedisEmitter create(RedisClusterClient client, RedisEmitterOptions options) {
    Objects.requireNonNull(client, "client");
    return open(RedisLink.cluster(() -> client, false), options);
  }

  private RedisEmitter with(String nsp, Set<String> rooms, Set<String> except, Boolean volatileFlag, Boolean compress) {
    return new RedisEmitter(link, options, nsp, rooms, except, volatileFlag, compress);
  }

  /** The emitter of namespace {@code nsp} ({@code "/"} is prepended when missing), targeting all its sockets. */
  public RedisEmitter of(String nsp) {
    Objects.requireNonNull(nsp, "nsp");
    return with(nsp.startsWith("/") ? nsp : "/" + nsp, Set.of(), Set.of(), null, null);
  }

  /** The namespace targeted. */
  public String namespace() {
    return namespace;
  }

  /** This target, narrowed to the sockets of {@code room} too (several rooms: a socket in any of them). */
  public RedisEmitter to(String room) {
    return with(namespace, plus(rooms, List.of(room)), except, volatileFlag, compress);
  }

  /** This target, narrowed to the sockets of {@code rooms} too. */
  public RedisEmitter to(Collection<String> rooms) {
    return with(namespace, plus(this.rooms, rooms), except, volatileFlag, compress);
  }

  /** Same as {@link #to(String)}. */
  public RedisEmitter in(String room) {
    return to(room);
  }

  /** Same as {@link #to(Collection)}. */
  public RedisEmitter in(Collection<String> rooms) {
    return to(rooms);
  }

  /** This target, without the sockets of {@code room}. */
  public RedisEmitter except(String room) {
    return with(namespace, rooms, plus(except, List.of(room)), volatileFlag, compress);
  }

  /** This target, without the sockets of {@code rooms}. */
  public RedisEmitter except(Collection<String> rooms) {
    return with(namespace, this.rooms, plus(except, rooms), volatileFlag, compress);
  }

  /** Events may be dropped for a client that cannot take them now (the reference's {@code volatile}). */
  public RedisEmitter volatileFlag() {
    return with(namespace, rooms, except, Boolean.TRUE, compress);
  }

  /** Whether the transports may compress the events (the servers' default: yes). */
  public RedisEmitter compress(boolean compress) {
    return with(namespace, rooms, except, volatileFlag, compress);
  }

  private static Set<String> plus(Set<String> set, Collection<String> more) {
    Set<String> all = new LinkedHashSet<>(set);
    for (String room : Objects.requireNonNull(more, "rooms")) {
      all.add(Objects.requireNonNull(room, "room"));
    }
    return Collections.unmodifiableSet(all);
  }

  /**
   * Sends event {@code event} with {@code args} (JSON values through the options' mapper; {@code byte[]} as binary) to
   * the targeted sockets of every server: msgpack {@code ["emitter", {type, data, nsp}, {rooms, flags, except}]} on the
   * broadcast channel (the room's own channel for a single room, which servers without it skip unread).
   *
   * @throws IllegalArgumentException for a reserved event name ({@code connect}, {@code disconnect}, ...) or an
   *     argument the mapper cannot write
   */
  public CompletableFuture<Void> emit(String event, Object... args) {
    Objects.requireNonNull(event, "event");
    if (RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ObjectNode packet = NODES.objectNode();
    packet.put("type", EVENT);
    packet.set("data", data(event, args));
    packet.put("nsp", namespace);
    ObjectNode opts = NODES.objectNode();
    opts.set("rooms", strings(rooms));
    ObjectNode flags = opts.putObject("flags");
    if (volatileFlag != null) {
      flags.put("volatile", volatileFlag);
    }
    if (compress != null) {
      flags.put("compress", compress);
    }
    opts.set("except", strings(except));
    ArrayNode message = NODES.arrayNode(3).add(UID).add(packet).add(opts);
    String channel = options.key() + "#" + namespace + "#";
    if (rooms.size() == 1) {
      channel += rooms.iterator().next() + "#";
    }
    return link.publish(channel, MsgpackWriter.encode(message));
  }

  /** The targeted sockets of every server join {@code rooms}. */
  public CompletableFuture<Void> socketsJoin(String... rooms) {
    return request(targeted(REMOTE_JOIN).set("rooms", strings(List.of(rooms))));
  }

  /** The targeted sockets of every server leave {@code rooms}. */
  public CompletableFuture<Void> socketsLeave(String... rooms) {
    return request(targeted(REMOTE_LEAVE).set("rooms", strings(List.of(rooms))));
  }

  /** The targeted sockets of every server are disconnected; with {@code close}, their connection is closed too. */
  public CompletableFuture<Void> disconnectSockets(boolean close) {
    return request(targeted(REMOTE_DISCONNECT).put("close", close));
  }

  /**
   * Sends {@code [event, args...]} to the listeners of every server's namespace ({@code onServerSideEmit}); no server
   * answers an emitter (the reference has no acknowledgement here either).
   */
  public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
    Objects.requireNonNull(event, "event");
    ObjectNode request = NODES.objectNode();
    request.put("uid", UID);
    request.put("type", SERVER_SIDE_EMIT);
    request.set("data", data(event, args));
    return request(request);
  }

  private ObjectNode targeted(int type) {
    ObjectNode request = NODES.objectNode();
    request.put("type", type);
    ObjectNode opts = request.putObject("opts");
    opts.set("rooms", strings(rooms));
    opts.set("except", strings(except));
    return request;
  }

  private CompletableFuture<Void> request(ObjectNode request) {
    byte[] json;
    try {
      json = options.mapper().writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      return CompletableFuture.failedFuture(e);
    }
    return link.publish(options.key() + "-request#" + namespace + "#", json);
  }

  private ArrayNode data(String event, Object[] args) {
    ArrayNode data = NODES.arrayNode(args.length + 1).add(event);
    for (Object arg : args) {
      data.add(arg instanceof byte[] bytes ? NODES.binaryNode(bytes) : (JsonNode) options.mapper().valueToTree(arg));
    }
    return data;
  }

  private static ArrayNode strings(Collection<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  /** Closes the Redis connection shared by this emitter and every emitter derived from it; never blocks. */
  @Override
  public void close() {
    link.closeAsync();
  }

  @Override
  public String toString() {
    return "RedisEmitter[nsp=" + namespace + ", rooms=" + rooms + ", except=" + except + "]";
  }
}
