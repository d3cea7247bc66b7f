package dev.sio4j.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
import dev.sio4j.server.adapter.BroadcastOptions;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The pieces of the reference adapter's messages ({@code @socket.io/redis-adapter} 8.x, {@code lib/index.ts}): request
 * types, the packet object ({@code {type, data, nsp}}), the broadcast options ({@code {rooms, except, flags}}) and the
 * "JSON when it starts with {@code {}, else msgpack" rule for requests and responses. Stateless.
 */
final class Messages {
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

  private Messages() {}

  /** A request or response: JSON when its first byte is '{' (as the reference checks), else msgpack. */
  static JsonNode parse(ObjectMapper mapper, byte[] bytes) throws IOException {
    if (bytes.length > 0 && bytes[0] == '{') {
      return mapper.readTree(bytes);
    }
    return MsgpackReader.decode(bytes);
  }

  /** The reference's packet object: {@code {type: 2, data, nsp}} (binary events too: Node's encoder decides). */
  static ObjectNode packet(SocketIoPacket packet) {
    ObjectNode node = NODES.objectNode();
    int type = packet.type() == SocketIoPacketType.BINARY_EVENT ? SocketIoPacketType.EVENT.ordinal()
        : packet.type().ordinal();
    node.put("type", type);
    node.set("data", packet.data());
    node.put("nsp", packet.namespace());
    return node;
  }

  /** A received packet object, or {@code null} when it is not an event of {@code namespace}. */
  static SocketIoPacket packet(JsonNode node, String namespace) {
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

  /** {@code {rooms, except, flags}}, with the flags the reference reads. */
  static ObjectNode options(BroadcastOptions options, boolean withFlags) {
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
  static BroadcastOptions options(JsonNode node) {
    JsonNode flags = node == null ? null : node.get("flags");
    boolean volatileFlag = flags != null && flags.path("volatile").asBoolean(false);
    boolean compress = flags == null || !flags.path("compress").isBoolean() || flags.path("compress").booleanValue();
    long timeout = flags == null ? 0 : Math.max(0, flags.path("timeout").asLong(0));
    return new BroadcastOptions(set(node == null ? null : node.get("rooms")),
        set(node == null ? null : node.get("except")), volatileFlag, compress, false, timeout);
  }

  static ArrayNode strings(Set<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  /** A JSON array as a set of strings (Node rooms may be numbers: they match by their text). */
  static Set<String> set(JsonNode array) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      return Set.of();
    }
    Set<String> values = new LinkedHashSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
