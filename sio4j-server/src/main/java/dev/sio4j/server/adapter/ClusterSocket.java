package dev.sio4j.server.adapter;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.socketio.SocketIoDecoder;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.Handshake;
import dev.sio4j.server.RemoteSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A socket of another server, as a fetch-sockets response describes it ({@code {id, handshake, rooms, data}}, the
 * same in the cluster format and the classic Redis one):
 * its operations go through the adapter with the socket's own room as target, as the reference's {@code RemoteSocket}
 * does. Immutable snapshot; thread-safe.
 */
final class ClusterSocket implements RemoteSocket {
  private final Adapter adapter;
  private final String namespace;
  private final ObjectMapper mapper;
  private final String id;
  private final Handshake handshake;
  private final Set<String> rooms;
  private final Map<String, Object> data;

  private ClusterSocket(Adapter adapter, String namespace, ObjectMapper mapper, String id, Handshake handshake,
      Set<String> rooms, Map<String, Object> data) {
    this.adapter = adapter;
    this.namespace = namespace;
    this.mapper = mapper;
    this.id = id;
    this.handshake = handshake;
    this.rooms = rooms;
    this.data = data;
  }

  /** A socket of a response, or {@code null} when it has no id. */
  static ClusterSocket of(Adapter adapter, String namespace, ObjectMapper mapper, JsonNode node) {
    String id = node.path("id").asText(null);
    if (id == null) {
      return null;
    }
    JsonNode dataNode = node.get("data");
    Map<String, Object> data = dataNode != null && dataNode.isObject()
        ? mapper.convertValue(dataNode, new TypeReference<LinkedHashMap<String, Object>>() {})
        : new LinkedHashMap<>();
    return new ClusterSocket(adapter, namespace, mapper, id, handshake(node.path("handshake")),
        Set.copyOf(ClusterMessageCodec.set(node.get("rooms"))), java.util.Collections.unmodifiableMap(data));
  }

  /** A local socket as the reference writes it in a response. */
  static ObjectNode describe(ObjectMapper mapper, RemoteSocket socket) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", socket.id());
    Handshake h = socket.handshake();
    ObjectNode hs = node.putObject("handshake");
    hs.set("headers", multiMap(mapper, h.headers()));
    hs.put("time", h.time());
    hs.put("address", h.address());
    hs.put("xdomain", h.xdomain());
    hs.put("secure", h.secure());
    hs.put("issued", h.issued());
    hs.put("url", h.url());
    hs.set("query", multiMap(mapper, h.query()));
    hs.set("auth", h.auth() == null ? mapper.createObjectNode() : h.auth());
    node.set("rooms", ClusterMessageCodec.strings(socket.rooms()));
    node.set("data", mapper.valueToTree(socket.data()));
    return node;
  }

  // Node's headers and parsed query: one value as a string, several as an array
  private static ObjectNode multiMap(ObjectMapper mapper, Map<String, List<String>> map) {
    ObjectNode node = mapper.createObjectNode();
    map.forEach((k, values) -> {
      if (values.size() == 1) {
        node.put(k, values.get(0));
      } else {
        ArrayNode array = node.putArray(k);
        values.forEach(array::add);
      }
    });
    return node;
  }

  private static Map<String, List<String>> multiMap(JsonNode node) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> values = new ArrayList<>();
        if (e.getValue().isArray()) {
          e.getValue().forEach(v -> values.add(v.asText()));
        } else {
          values.add(e.getValue().asText());
        }
        map.put(e.getKey(), List.copyOf(values));
      }
    }
    return map;
  }

  private static Handshake handshake(JsonNode h) {
    JsonNode auth = h.get("auth");
    return new Handshake(multiMap(h.get("headers")), h.path("time").asText(""), h.path("address").asText(""),
        h.path("xdomain").asBoolean(false), h.path("secure").asBoolean(false), h.path("issued").asLong(0),
        h.path("url").asText(""), multiMap(h.get("query")),
        auth == null || auth.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            : auth);
  }

  private BroadcastOptions self() {
    return new BroadcastOptions(Set.of(id), Set.of(), false, true, false, 0);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public Set<String> rooms() {
    return rooms;
  }

  @Override
  public Map<String, Object> data() {
    return data;
  }

  @Override
  public boolean emit(String event, Object... args) {
    if (SocketIoDecoder.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ArrayNode packet = mapper.createArrayNode().add(event);
    for (Object arg : args) {
      packet.add(toNode(arg));
    }
    adapter.broadcast(SocketIoPacket.event(namespace, packet, SocketIoPacket.NO_ACK), self());
    return true;
  }

  private JsonNode toNode(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof byte[] bytes) {
      return BinaryNode.valueOf(bytes);
    }
    return mapper.valueToTree(value);
  }

  @Override
  public void join(String... rooms) {
    adapter.addSockets(self(), Set.of(rooms));
  }

  @Override
  public void leave(String room) {
    adapter.delSockets(self(), Set.of(room));
  }

  @Override
  public void disconnect(boolean close) {
    adapter.disconnectSockets(self(), close);
  }

  @Override
  public String toString() {
    return "RemoteSocket[" + id + " on another server, rooms=" + rooms + "]";
  }
}
