package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
import dev.sio4j.server.adapter.ClusterMessage.AdapterClose;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastAck;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastClientCount;
import dev.sio4j.server.adapter.ClusterMessage.DisconnectSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSocketsResponse;
import dev.sio4j.server.adapter.ClusterMessage.Heartbeat;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmit;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmitResponse;
import dev.sio4j.server.adapter.ClusterMessage.SocketsJoin;
import dev.sio4j.server.adapter.ClusterMessage.SocketsLeave;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link ClusterMessage}s as JSON trees in the reference's cluster format ({@code socket.io-adapter}
 * {@code cluster-adapter.ts}, used by {@code @socket.io/redis-adapter}'s sharded adapter and the streams and Postgres
 * adapters): {@code {uid, nsp, type, data}}, {@code type} the number of the reference's {@code MessageType}, binary
 * values as {@code BinaryNode}s. A broker adapter writes the tree as JSON, or as msgpack when {@link #hasBinary} (as the
 * reference's sharded adapter does). Also the pieces the classic Redis format shares: the packet object
 * {@code {type, data, nsp}} and the options {@code {rooms, except, flags}}. Pure and stateless.
 */
public final class ClusterMessageCodec {
  /** The reference's {@code MessageType} numbers. */
  public static final int INITIAL_HEARTBEAT = 1;
  /** {@code HEARTBEAT}. */
  public static final int HEARTBEAT = 2;
  /** {@code BROADCAST}. */
  public static final int BROADCAST = 3;
  /** {@code SOCKETS_JOIN}. */
  public static final int SOCKETS_JOIN = 4;
  /** {@code SOCKETS_LEAVE}. */
  public static final int SOCKETS_LEAVE = 5;
  /** {@code DISCONNECT_SOCKETS}. */
  public static final int DISCONNECT_SOCKETS = 6;
  /** {@code FETCH_SOCKETS}. */
  public static final int FETCH_SOCKETS = 7;
  /** {@code FETCH_SOCKETS_RESPONSE}. */
  public static final int FETCH_SOCKETS_RESPONSE = 8;
  /** {@code SERVER_SIDE_EMIT}. */
  public static final int SERVER_SIDE_EMIT = 9;
  /** {@code SERVER_SIDE_EMIT_RESPONSE}. */
  public static final int SERVER_SIDE_EMIT_RESPONSE = 10;
  /** {@code BROADCAST_CLIENT_COUNT}. */
  public static final int BROADCAST_CLIENT_COUNT = 11;
  /** {@code BROADCAST_ACK}. */
  public static final int BROADCAST_ACK = 12;
  /** {@code ADAPTER_CLOSE}. */
  public static final int ADAPTER_CLOSE = 13;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ClusterMessageCodec() {}

  /** A decoded message and its envelope: the sender's uid and the namespace. */
  public record Envelope(String uid, String nsp, ClusterMessage message) {}

  /**
   * {@code message} from server {@code uid} of namespace {@code nsp} as a tree.
   *
   * @throws IllegalArgumentException for a message type of another format
   */
  public static ObjectNode encode(String uid, String nsp, ClusterMessage message) {
    ObjectNode node = NODES.objectNode();
    node.put("uid", uid);
    node.put("nsp", nsp);
    ObjectNode data = NODES.objectNode();
    int type;
    if (message instanceof Heartbeat h) {
      type = h.initial() ? INITIAL_HEARTBEAT : HEARTBEAT;
      data = null;
    } else if (message instanceof AdapterClose) {
      type = ADAPTER_CLOSE;
      data = null;
    } else if (message instanceof Broadcast b) {
      type = BROADCAST;
      data.set("packet", packet(b.packet()));
      data.set("opts", options(b.options(), true));
      if (b.requestId() != null) {
        data.put("requestId", b.requestId());
      }
    } else if (message instanceof SocketsJoin j) {
      type = SOCKETS_JOIN;
      data.set("opts", options(j.options(), true));
      data.set("rooms", strings(j.rooms()));
    } else if (message instanceof SocketsLeave l) {
      type = SOCKETS_LEAVE;
      data.set("opts", options(l.options(), true));
      data.set("rooms", strings(l.rooms()));
    } else if (message instanceof DisconnectSockets d) {
      type = DISCONNECT_SOCKETS;
      data.set("opts", options(d.options(), true));
      data.put("close", d.close());
    } else if (message instanceof FetchSockets f) {
      type = FETCH_SOCKETS;
      data.set("opts", options(f.options(), true));
      data.put("requestId", f.requestId());
    } else if (message instanceof FetchSocketsResponse r) {
      type = FETCH_SOCKETS_RESPONSE;
      data.put("requestId", r.requestId());
      data.putArray("sockets").addAll(r.sockets());
    } else if (message instanceof ServerSideEmit e) {
      type = SERVER_SIDE_EMIT;
      if (e.requestId() != null) {
        data.put("requestId", e.requestId());
      }
      data.putArray("packet").addAll(e.packet());
    } else if (message instanceof ServerSideEmitResponse r) {
      type = SERVER_SIDE_EMIT_RESPONSE;
      data.put("requestId", r.requestId());
      data.set("packet", r.packet() == null ? NODES.nullNode() : r.packet());
    } else if (message instanceof BroadcastClientCount c) {
      type = BROADCAST_CLIENT_COUNT;
      data.put("requestId", c.requestId());
      data.put("clientCount", c.clientCount());
    } else if (message instanceof BroadcastAck a) {
      type = BROADCAST_ACK;
      data.put("requestId", a.requestId());
      data.set("packet", a.packet() == null ? NODES.nullNode() : a.packet());
    } else {
      throw new IllegalArgumentException("not a message of the cluster format: " + message);
    }
    node.put("type", type);
    if (data != null) {
      node.set("data", data);
    }
    return node;
  }

  /**
   * A received tree as a message, or {@code null} when it is not one (not an object, an unknown type, a missing
   * part): a peer's malformed message is dropped, never thrown at the subscription.
   */
  public static Envelope decode(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode uidNode = node.get("uid");
    String uid = uidNode == null || uidNode.isNull() ? null : uidNode.asText();
    String nsp = node.path("nsp").asText(null);
    JsonNode data = node.get("data");
    if (data != null && !data.isObject()) {
      return null;
    }
    String requestId = data == null ? null : text(data.get("requestId"));
    // an operation without its targets would reach every socket: dropped (the reference's decoder throws on it)
    boolean targeted = data != null && data.path("opts").isObject();
    ClusterMessage message = switch (node.path("type").asInt(-1)) {
      case INITIAL_HEARTBEAT -> new Heartbeat(true);
      case HEARTBEAT -> new Heartbeat(false);
      case ADAPTER_CLOSE -> new AdapterClose();
      case BROADCAST -> {
        SocketIoPacket packet = data == null ? null : packet(data.get("packet"), nsp);
        yield packet == null || !targeted ? null : new Broadcast(packet, options(data.get("opts")), requestId);
      }
      case SOCKETS_JOIN -> !targeted ? null : new SocketsJoin(options(data.get("opts")), set(data.get("rooms")));
      case SOCKETS_LEAVE -> !targeted ? null : new SocketsLeave(options(data.get("opts")), set(data.get("rooms")));
      case DISCONNECT_SOCKETS -> !targeted ? null
          : new DisconnectSockets(options(data.get("opts")), data.path("close").asBoolean(false));
      case FETCH_SOCKETS -> requestId == null || !targeted ? null
          : new FetchSockets(options(data.get("opts")), requestId);
      case FETCH_SOCKETS_RESPONSE -> requestId == null ? null
          : new FetchSocketsResponse(requestId, list(data.get("sockets")));
      case SERVER_SIDE_EMIT -> {
        List<JsonNode> packet = data == null ? List.of() : list(data.get("packet"));
        yield packet.isEmpty() ? null : new ServerSideEmit(packet, requestId);
      }
      case SERVER_SIDE_EMIT_RESPONSE -> requestId == null ? null
          : new ServerSideEmitResponse(requestId, data.get("packet"));
      case BROADCAST_CLIENT_COUNT -> requestId == null ? null
          : new BroadcastClientCount(requestId, data.path("clientCount").asInt(0));
      case BROADCAST_ACK -> requestId == null ? null : new BroadcastAck(requestId, data.get("packet"));
      default -> null;
    };
    return message == null ? null : new Envelope(uid, nsp, message);
  }

  /** Whether {@code node} holds a binary value anywhere (then the reference's sharded adapter writes msgpack). */
  public static boolean hasBinary(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isBinary()) {
      return true;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasBinary(child)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The reference's packet object: {@code {type: 2, data, nsp}} (binary events too: Node's encoder decides). */
  public static ObjectNode packet(SocketIoPacket packet) {
    ObjectNode node = NODES.objectNode();
    int type = packet.type() == SocketIoPacketType.BINARY_EVENT ? SocketIoPacketType.EVENT.ordinal()
        : packet.type().ordinal();
    node.put("type", type);
    node.set("data", packet.data());
    node.put("nsp", packet.namespace());
    return node;
  }

  /** A received packet object, or {@code null} when it is not an event of {@code namespace}. */
  public static SocketIoPacket packet(JsonNode node, String namespace) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode nsp = node.get("nsp");
    String name = nsp == null || nsp.isNull() ? SocketIoPacket.MAIN_NAMESPACE : nsp.asText();
    int type = node.path("type").asInt(-1);
    JsonNode data = node.get("data");
    if (!name.equals(namespace) || data == null || !data.isArray() || data.isEmpty()
        || (type != SocketIoPacketType.EVENT.ordinal() && type != SocketIoPacketType.BINARY_EVENT.ordinal())) {
      return null;
    }
    return SocketIoPacket.event(name, data, SocketIoPacket.NO_ACK);
  }

  /** {@code {rooms, except, flags}}, the flags the reference reads ({@code volatile}, {@code compress}, {@code timeout}). */
  public static ObjectNode options(BroadcastOptions options, boolean withFlags) {
    ObjectNode node = NODES.objectNode();
    node.set("rooms", strings(options.rooms()));
    node.set("except", strings(options.except()));
    if (withFlags) {
      ObjectNode flags = node.putObject("flags");
      if (options.volatileFlag()) {
        flags.put("volatile", true);
      }
      flags.put("compress", options.compress());
      if (options.timeoutMillis() > 0) {
        flags.put("timeout", options.timeoutMillis());
      }
    }
    return node;
  }

  /** Received {@code {rooms, except, flags}}; missing parts are empty. Never local: it came from another server. */
  public static BroadcastOptions options(JsonNode node) {
    JsonNode flags = node == null ? null : node.get("flags");
    boolean volatileFlag = flags != null && flags.path("volatile").asBoolean(false);
    boolean compress = flags == null || !flags.path("compress").isBoolean() || flags.path("compress").booleanValue();
    long timeout = flags == null ? 0 : Math.max(0, flags.path("timeout").asLong(0));
    return new BroadcastOptions(set(node == null ? null : node.get("rooms")),
        set(node == null ? null : node.get("except")), volatileFlag, compress, false, timeout);
  }

  /** {@code values} as a JSON array. */
  public static ArrayNode strings(Set<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  /** A JSON array as a set of strings (Node rooms may be numbers: they match by their text); empty when absent. */
  public static Set<String> set(JsonNode array) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      return Set.of();
    }
    Set<String> values = new LinkedHashSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<JsonNode> list(JsonNode array) {
    if (array == null || !array.isArray()) {
      return List.of();
    }
    List<JsonNode> values = new ArrayList<>(array.size());
    array.forEach(values::add);
    return values;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
