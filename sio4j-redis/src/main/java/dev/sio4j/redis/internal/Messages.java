package dev.sio4j.redis.internal;

import static dev.sio4j.server.adapter.ClusterMessageCodec.options;
import static dev.sio4j.server.adapter.ClusterMessageCodec.packet;
import static dev.sio4j.server.adapter.ClusterMessageCodec.set;
import static dev.sio4j.server.adapter.ClusterMessageCodec.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.ClusterMessage;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastAck;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastClientCount;
import dev.sio4j.server.adapter.ClusterMessage.DisconnectSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSocketsResponse;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmit;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmitResponse;
import dev.sio4j.server.adapter.ClusterMessage.SocketsJoin;
import dev.sio4j.server.adapter.ClusterMessage.SocketsLeave;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The classic adapter's framing ({@code @socket.io/redis-adapter} 8.x, {@code lib/index.ts}), onto which the
 * {@link ClusterMessage}s of the cluster adapter map: broadcasts as msgpack {@code [uid, packet, opts]}; requests
 * {@code {uid, type, requestId, ...}} with the classic request types (JSON, except BROADCAST in msgpack); responses
 * {@code {requestId, ...}} without a uid (JSON, except BROADCAST_ACK in msgpack). Also the classic requests the
 * cluster format lacks ({@code SOCKETS}, {@code ALL_ROOMS}, the older single-socket operations). Stateless.
 *
 * <p>The decoding of received bytes is public for this module's fuzz targets; the package is internal, not API.
 * Decoding never throws on a peer's malformed message: it returns {@code null}.
 */
public final class Messages {
  static final int SOCKETS = 0;
  static final int ALL_ROOMS = 1;
  static final int REMOTE_JOIN = 2;
  static final int REMOTE_LEAVE = 3;
  static final int REMOTE_DISCONNECT = 4;
  static final int REMOTE_FETCH = 5;
  static final int SERVER_SIDE_EMIT = 6;
  static final int BROADCAST = 7;
  static final int BROADCAST_CLIENT_COUNT = 8;
  static final int BROADCAST_ACK = 9;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** {@code ALL_ROOMS}: every server answers its rooms. */
  record AllRooms(String requestId) implements ClusterMessage {}

  /** One server's rooms. */
  record AllRoomsResponse(String requestId, Set<String> rooms) implements Response {}

  /** {@code SOCKETS}: every server answers the ids of its sockets in {@code rooms} (asked by Node servers). */
  record Sockets(Set<String> rooms, String requestId) implements ClusterMessage {}

  /** One server's socket ids. */
  record SocketsResponse(String requestId, Set<String> sockets) implements Response {}

  /** The older form of REMOTE_JOIN / REMOTE_LEAVE / REMOTE_DISCONNECT: one socket {@code sid}, answered when done. */
  record SingleSocket(int type, String sid, String room, boolean close, String requestId) implements ClusterMessage {}

  /** The answer to a {@link SingleSocket}: {@code {requestId}}. */
  record Done(String requestId) implements Response {}

  private Messages() {}

  /** A request or response: JSON when its first byte is '{' (as the reference checks), else msgpack. */
  static JsonNode parse(ObjectMapper mapper, byte[] bytes) throws IOException {
    if (bytes.length > 0 && bytes[0] == '{') {
      return mapper.readTree(bytes);
    }
    return MsgpackReader.decode(bytes);
  }

  /** A request or response as received (JSON or msgpack), or null when malformed or not an object. */
  public static JsonNode parseObject(ObjectMapper mapper, byte[] bytes) {
    try {
      JsonNode tree = parse(mapper, bytes);
      return tree.isObject() ? tree : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Does to {@code socket} what a {@code REMOTE_JOIN}, {@code REMOTE_LEAVE} or {@code REMOTE_DISCONNECT} says. */
  static void apply(SingleSocket request, dev.sio4j.server.Socket socket) {
    switch (request.type()) {
      case REMOTE_JOIN -> socket.join(request.room());
      case REMOTE_LEAVE -> socket.leave(request.room());
      default -> socket.disconnect(request.close());
    }
  }

  /** A broadcast's bytes as received: its sender's uid and the broadcast. */
  public record Received(String uid, Broadcast broadcast) {}

  /** A received broadcast's msgpack bytes, or null when they are malformed or hold no broadcast. */
  public static Received broadcast(byte[] bytes, String namespace) {
    JsonNode message;
    try {
      message = MsgpackReader.decode(bytes);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Broadcast broadcast = broadcast(message, namespace);
    return broadcast == null ? null : new Received(message.get(0).asText(), broadcast);
  }

  /** A broadcast without acknowledgements: msgpack {@code [uid, packet, {rooms, except, flags}]}. */
  static byte[] broadcast(String uid, Broadcast broadcast) {
    ArrayNode message = NODES.arrayNode(3);
    message.add(uid);
    message.add(packet(broadcast.packet()));
    message.add(options(broadcast.options(), true));
    return MsgpackWriter.encode(message);
  }

  /** A received broadcast {@code [uid, packet, opts]}, or null. */
  static Broadcast broadcast(JsonNode message, String namespace) {
    if (!message.isArray() || message.size() < 3) {
      return null;
    }
    SocketIoPacket packet = packet(message.get(1), namespace);
    return packet == null ? null : new Broadcast(packet, options(message.get(2)), null);
  }

  /** {@code message} as a classic request of server {@code uid}. */
  static byte[] request(ObjectMapper mapper, String uid, ClusterMessage message) {
    ObjectNode node = NODES.objectNode().put("uid", uid);
    if (message instanceof Broadcast b) {
      node.put("type", BROADCAST).put("requestId", b.requestId());
      node.set("packet", packet(b.packet()));
      node.set("opts", options(b.options(), true));
      return MsgpackWriter.encode(node);
    } else if (message instanceof SocketsJoin j) {
      node.put("type", REMOTE_JOIN).set("opts", options(j.options(), false));
      node.set("rooms", strings(j.rooms()));
    } else if (message instanceof SocketsLeave l) {
      node.put("type", REMOTE_LEAVE).set("opts", options(l.options(), false));
      node.set("rooms", strings(l.rooms()));
    } else if (message instanceof DisconnectSockets d) {
      node.put("type", REMOTE_DISCONNECT).set("opts", options(d.options(), false));
      node.put("close", d.close());
    } else if (message instanceof FetchSockets f) {
      node.put("type", REMOTE_FETCH).set("opts", options(f.options(), false));
      node.put("requestId", f.requestId());
    } else if (message instanceof ServerSideEmit e) {
      node.put("type", SERVER_SIDE_EMIT).putArray("data").addAll(e.packet());
      if (e.requestId() != null) {
        node.put("requestId", e.requestId());
      }
    } else if (message instanceof AllRooms a) {
      node.put("type", ALL_ROOMS).put("requestId", a.requestId());
    } else {
      throw new IllegalArgumentException("no classic request for " + message);
    }
    return json(mapper, node);
  }

  /** A received request, or null when unknown or incomplete. */
  public static ClusterMessage request(JsonNode r, String namespace) {
    String requestId = r.path("requestId").asText(null);
    JsonNode opts = r.get("opts");
    boolean targeted = opts != null && opts.isObject();
    int type = r.path("type").asInt(-1);
    return switch (type) {
      case SOCKETS -> requestId == null ? null : new Sockets(set(r.get("rooms")), requestId);
      case ALL_ROOMS -> requestId == null ? null : new AllRooms(requestId);
      case REMOTE_JOIN -> targeted ? new SocketsJoin(options(opts), set(r.get("rooms"))) : single(r, type, requestId);
      case REMOTE_LEAVE -> targeted ? new SocketsLeave(options(opts), set(r.get("rooms"))) : single(r, type, requestId);
      case REMOTE_DISCONNECT -> targeted ? new DisconnectSockets(options(opts), r.path("close").asBoolean(false))
          : single(r, type, requestId);
      case REMOTE_FETCH -> requestId == null ? null : new FetchSockets(options(opts), requestId);
      case SERVER_SIDE_EMIT -> {
        JsonNode data = r.get("data");
        if (data == null || !data.isArray() || data.isEmpty()) {
          yield null;
        }
        List<JsonNode> packet = new ArrayList<>(data.size());
        data.forEach(packet::add);
        yield new ServerSideEmit(packet, requestId);
      }
      case BROADCAST -> {
        SocketIoPacket packet = packet(r.get("packet"), namespace);
        yield requestId == null || packet == null ? null : new Broadcast(packet, options(opts), requestId);
      }
      default -> null;
    };
  }

  private static SingleSocket single(JsonNode r, int type, String requestId) {
    String sid = r.path("sid").asText(null);
    return sid == null ? null
        : new SingleSocket(type, sid, r.path("room").asText(""), r.path("close").asBoolean(false), requestId);
  }

  /** {@code response} as a classic response. */
  static byte[] response(ObjectMapper mapper, Response response) {
    ObjectNode node = NODES.objectNode();
    if (response instanceof BroadcastAck a) {
      node.put("type", BROADCAST_ACK).put("requestId", a.requestId()).set("packet", a.packet());
      return MsgpackWriter.encode(node);
    } else if (response instanceof BroadcastClientCount c) {
      node.put("type", BROADCAST_CLIENT_COUNT).put("requestId", c.requestId()).put("clientCount", c.clientCount());
    } else if (response instanceof ServerSideEmitResponse e) {
      node.put("type", SERVER_SIDE_EMIT).put("requestId", e.requestId()).set("data", e.packet());
    } else if (response instanceof FetchSocketsResponse f) {
      node.put("requestId", f.requestId()).putArray("sockets").addAll(f.sockets());
    } else if (response instanceof AllRoomsResponse a) {
      node.put("requestId", a.requestId()).set("rooms", strings(a.rooms()));
    } else if (response instanceof SocketsResponse s) {
      node.put("requestId", s.requestId()).set("sockets", strings(s.sockets()));
    } else {
      node.put("requestId", response.requestId());
    }
    return json(mapper, node);
  }

  /** A received response (by its type, else by its shape), or null. */
  public static Response response(JsonNode r) {
    String requestId = r.path("requestId").asText(null);
    if (requestId == null) {
      return null;
    }
    return switch (r.path("type").asInt(-1)) {
      case BROADCAST_CLIENT_COUNT -> new BroadcastClientCount(requestId, r.path("clientCount").asInt(0));
      case BROADCAST_ACK -> new BroadcastAck(requestId, r.get("packet"));
      case SERVER_SIDE_EMIT -> new ServerSideEmitResponse(requestId, r.get("data"));
      default -> {
        JsonNode sockets = r.get("sockets");
        if (sockets != null && sockets.isArray()) {
          List<JsonNode> list = new ArrayList<>(sockets.size());
          sockets.forEach(list::add);
          yield new FetchSocketsResponse(requestId, list);
        }
        yield r.has("rooms") ? new AllRoomsResponse(requestId, set(r.get("rooms"))) : new Done(requestId);
      }
    };
  }

  private static byte[] json(ObjectMapper mapper, ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write a cluster message: " + e.getMessage(), e);
    }
  }
}
