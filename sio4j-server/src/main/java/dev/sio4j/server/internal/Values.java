package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.sio4j.protocol.socketio.SocketIoDecoder;
import dev.sio4j.server.Arguments;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Turns Java values into the JSON trees the codec sends, and received trees into {@link Arguments}. */
final class Values {
  private Values() {}

  /** {@code value} as JSON: {@code byte[]}/{@code ByteBuffer} as binary, trees as they are, the rest via Jackson. */
  static JsonNode toNode(ObjectMapper mapper, Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof byte[] bytes) {
      return BinaryNode.valueOf(bytes);
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      return BinaryNode.valueOf(bytes);
    }
    return mapper.valueToTree(value);
  }

  /** {@code [event, args...]}. */
  static ArrayNode eventData(ObjectMapper mapper, String event, Object[] args) {
    if (SocketIoDecoder.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    ArrayNode data = mapper.createArrayNode();
    data.add(event);
    addAll(mapper, data, args);
    return data;
  }

  /** {@code [args...]}. */
  static ArrayNode array(ObjectMapper mapper, Object[] args) {
    ArrayNode data = mapper.createArrayNode();
    addAll(mapper, data, args);
    return data;
  }

  // Received Arguments passed on as one value are spread: io.emit("x", event.arguments()) resends them as they came.
  private static void addAll(ObjectMapper mapper, ArrayNode data, Object[] args) {
    for (Object arg : args) {
      if (arg instanceof Arguments received) {
        received.values().forEach(data::add);
      } else {
        data.add(toNode(mapper, arg));
      }
    }
  }

  /** The elements of {@code array} from {@code from} on. */
  static Arguments arguments(ObjectMapper mapper, JsonNode array, int from) {
    List<JsonNode> values = new ArrayList<>(Math.max(0, array.size() - from));
    for (int i = from; i < array.size(); i++) {
      values.add(array.get(i));
    }
    return new Arguments(values, mapper);
  }
}
