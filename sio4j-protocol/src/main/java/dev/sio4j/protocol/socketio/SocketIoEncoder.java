package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes {@link SocketIoPacket}s as the protocol's text packet followed by one binary frame per attachment
 * (socket.io-protocol, "Packet encoding").
 *
 * <p>An EVENT or ACK whose data holds binary values ({@code BinaryNode}s) becomes a BINARY_EVENT or BINARY_ACK: each
 * binary value is replaced by {@code {"_placeholder":true,"num":n}}, numbered depth-first in document order, and the
 * text packet gets the {@code <count>-} prefix (e.g. {@code 451-["a",{"_placeholder":true,"num":0}]}).
 *
 * <p>Stateless and thread-safe: one encoder serves a whole server. Broadcasts call it once and share the result.
 */
public final class SocketIoEncoder implements PacketEncoder {
  private final JsonTrees json;

  /** An encoder with the codec's default JSON configuration ({@link SocketIoJson#newMapper()}). */
  public SocketIoEncoder() {
    this(SocketIoJson.newMapper());
  }

  /** An encoder writing JSON with {@code mapper}. */
  public SocketIoEncoder(ObjectMapper mapper) {
    this.json = new JsonTrees(Objects.requireNonNull(mapper, "mapper"));
  }

  /** The text packet and its attachments, in the order they must be sent. */
  public record Encoded(String text, List<byte[]> attachments) {
    /** Makes the list unmodifiable. */
    public Encoded {
      attachments = List.copyOf(attachments);
    }
  }

  /** Encodes {@code packet} as Engine.IO MESSAGE packets: the text packet, then each attachment as a binary one. */
  @Override
  public List<EngineIoPacket> encode(SocketIoPacket packet) {
    Encoded encoded = encodeParts(packet);
    if (encoded.attachments().isEmpty()) {
      return List.of(EngineIoPacket.message(encoded.text()));
    }
    List<EngineIoPacket> packets = new ArrayList<>(1 + encoded.attachments().size());
    packets.add(EngineIoPacket.message(encoded.text()));
    for (byte[] attachment : encoded.attachments()) {
      packets.add(EngineIoPacket.message(attachment));
    }
    return List.copyOf(packets);
  }

  /** Encodes {@code packet} as its text packet and attachments. */
  public Encoded encodeParts(SocketIoPacket packet) {
    SocketIoPacketType type = packet.type();
    JsonNode data = packet.data();
    List<byte[]> attachments = List.of();
    boolean eventOrAck = type == SocketIoPacketType.EVENT || type == SocketIoPacketType.ACK || type.isBinary();
    if (eventOrAck && SocketIoPacket.hasBinary(data)) {
      attachments = new ArrayList<>();
      data = deconstruct(data, attachments);
      type = type == SocketIoPacketType.EVENT || type == SocketIoPacketType.BINARY_EVENT
          ? SocketIoPacketType.BINARY_EVENT : SocketIoPacketType.BINARY_ACK;
    } else if (type.isBinary()) {
      // nothing binary left: the plain type, since "<0>-" is refused by every decoder
      type = type == SocketIoPacketType.BINARY_EVENT ? SocketIoPacketType.EVENT : SocketIoPacketType.ACK;
    }
    StringBuilder text = new StringBuilder(64);
    text.append(type.code());
    if (type.isBinary()) {
      text.append(attachments.size()).append('-');
    }
    if (!SocketIoPacket.MAIN_NAMESPACE.equals(packet.namespace())) {
      text.append(packet.namespace()).append(',');
    }
    if (packet.hasAckId()) {
      text.append(packet.ackId());
    }
    if (data != null) {
      try {
        json.write(data, text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Encoded(text.toString(), attachments);
  }

  /** A copy of {@code node} with each binary value replaced by a placeholder, collected in {@code buffers}. */
  private static JsonNode deconstruct(JsonNode node, List<byte[]> buffers) {
    if (node.isBinary()) {
      ObjectNode placeholder = JsonNodeFactory.instance.objectNode();
      placeholder.put("_placeholder", true);
      placeholder.put("num", buffers.size());
      try {
        buffers.add(node.binaryValue());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return placeholder;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
      for (JsonNode element : node) {
        copy.add(deconstruct(element, buffers));
      }
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        copy.set(field.getKey(), deconstruct(field.getValue(), buffers));
      }
      return copy;
    }
    return node;
  }
}
