package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decodes the packets of one Engine.IO session: text packets, and the binary attachments that follow a BINARY_EVENT or
 * BINARY_ACK, reassembled in order (socket.io-protocol, "Packet encoding").
 *
 * <p>As strict as the reference {@code socket.io-parser}: an unknown type, a bad attachment count (less than 1 or
 * more than {@code maxAttachments}), an ack id that is not a safe integer, JSON that does not parse, a payload that
 * does not fit its type (CONNECT: object; DISCONNECT: none; CONNECT_ERROR: object or string; EVENT: array starting with a
 * non-reserved name; ACK: array), a text packet while attachments are expected, a binary one when none are, or a
 * placeholder pointing outside the attachments: each throws {@link SocketIoParseException}, and the caller closes the
 * connection. Reserved event names: {@link #RESERVED_EVENTS}.
 *
 * <p>Not thread-safe: one decoder per session, fed in order (the engine calls its listener serially per session).
 * Completed packets go to the sink given at construction, on the calling thread.
 */
public final class SocketIoDecoder implements PacketDecoder {
  /** The reference's default limit of attachments per packet ({@code maxAttachments}: 10). */
  public static final int DEFAULT_MAX_ATTACHMENTS = 10;
  /** Event names with a meaning of their own, refused in incoming EVENTs as the reference parser does. */
  public static final Set<String> RESERVED_EVENTS = Set.of(
      "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
  // JavaScript's Number.MAX_SAFE_INTEGER: an ack id beyond it would not round-trip through a JS peer.
  private static final long MAX_ACK_ID = (1L << 53) - 1;

  private final JsonTrees json;
  private final int maxAttachments;
  private final Consumer<SocketIoPacket> sink;

  // The binary packet being reassembled, or null.
  private SocketIoPacket pending;
  private int expectedAttachments;
  private List<byte[]> attachments;

  /** A decoder with the default JSON configuration and {@link #DEFAULT_MAX_ATTACHMENTS}. */
  public SocketIoDecoder(Consumer<SocketIoPacket> sink) {
    this(SocketIoJson.newMapper(), DEFAULT_MAX_ATTACHMENTS, sink);
  }

  /**
   * A decoder.
   *
   * @param mapper parses the JSON data (see {@link SocketIoJson#newMapper()})
   * @param maxAttachments the most attachments one packet may announce (at least 1)
   * @param sink receives each complete packet
   */
  public SocketIoDecoder(ObjectMapper mapper, int maxAttachments, Consumer<SocketIoPacket> sink) {
    if (maxAttachments < 1) {
      throw new IllegalArgumentException("maxAttachments must be at least 1: " + maxAttachments);
    }
    this.json = new JsonTrees(Objects.requireNonNull(mapper, "mapper"));
    this.maxAttachments = maxAttachments;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Whether attachments of a binary packet are still expected. */
  public boolean isReconstructing() {
    return pending != null;
  }

  /** Feeds a text packet. */
  @Override
  public void add(String text) throws SocketIoParseException {
    if (pending != null) {
      throw new SocketIoParseException("got plaintext data when reconstructing a packet");
    }
    SocketIoPacket packet = decodeText(text);
    if (expectedAttachments > 0) {
      pending = packet;
      attachments = new ArrayList<>(expectedAttachments);
    } else {
      sink.accept(packet);
    }
  }

  /** Feeds a binary attachment; the array is kept, not copied. */
  @Override
  public void add(byte[] binary) throws SocketIoParseException {
    Objects.requireNonNull(binary, "binary");
    if (pending == null) {
      throw new SocketIoParseException("got binary data when not reconstructing a packet");
    }
    attachments.add(binary);
    if (attachments.size() == expectedAttachments) {
      SocketIoPacket packet = pending;
      List<byte[]> buffers = attachments;
      reset();
      JsonNode data = reconstruct(packet.data(), buffers);
      sink.accept(new SocketIoPacket(packet.type(), packet.namespace(), packet.ackId(), data));
    }
  }

  /** Drops a partly received binary packet (the session closed). */
  @Override
  public void reset() {
    pending = null;
    attachments = null;
    expectedAttachments = 0;
  }

  private SocketIoPacket decodeText(String str) throws SocketIoParseException {
    int length = str.length();
    if (length == 0) {
      throw new SocketIoParseException("empty packet");
    }
    SocketIoPacketType type = SocketIoPacketType.fromCode(str.charAt(0));
    if (type == null) {
      throw new SocketIoParseException("unknown packet type " + str.charAt(0));
    }
    int i = 1;
    int count = 0;
    if (type.isBinary()) {
      int start = i;
      while (i < length && str.charAt(i) != '-') {
        char c = str.charAt(i);
        if (c < '0' || c > '9' || i - start > 9) {
          throw new SocketIoParseException("illegal attachments");
        }
        i++;
      }
      if (i == length || i == start) {
        throw new SocketIoParseException("illegal attachments");
      }
      long n = Long.parseLong(str, start, i, 10);
      if (n < 1) {
        throw new SocketIoParseException("illegal attachments");
      }
      if (n > maxAttachments) {
        throw new SocketIoParseException("too many attachments");
      }
      count = (int) n;
      i++; // the '-'
    }
    String namespace = SocketIoPacket.MAIN_NAMESPACE;
    if (i < length && str.charAt(i) == '/') {
      int start = i;
      while (i < length && str.charAt(i) != ',') {
        i++;
      }
      namespace = str.substring(start, i);
      if (i < length) {
        i++; // the ','
      }
    }
    long ackId = SocketIoPacket.NO_ACK;
    if (i < length && isDigit(str.charAt(i))) {
      int start = i;
      while (i < length && isDigit(str.charAt(i))) {
        i++;
      }
      if (i - start > 16) {
        throw new SocketIoParseException("invalid ack id");
      }
      ackId = Long.parseLong(str, start, i, 10);
      if (ackId > MAX_ACK_ID) {
        throw new SocketIoParseException("invalid ack id");
      }
    }
    JsonNode data = null;
    if (i < length) {
      try {
        data = json.read(str, i);
      } catch (IOException e) {
        throw new SocketIoParseException("invalid payload", e);
      }
    }
    validate(type, data);
    if (count > 0) {
      checkPlaceholders(data, count);
    }
    SocketIoPacketType decodedType = type == SocketIoPacketType.BINARY_EVENT ? SocketIoPacketType.EVENT
        : type == SocketIoPacketType.BINARY_ACK ? SocketIoPacketType.ACK : type;
    expectedAttachments = count;
    return new SocketIoPacket(decodedType, namespace, ackId, data);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void validate(SocketIoPacketType type, JsonNode data) throws SocketIoParseException {
    boolean valid;
    switch (type) {
      case CONNECT:
        valid = data == null || data.isObject();
        break;
      case DISCONNECT:
        valid = data == null;
        break;
      case CONNECT_ERROR:
        valid = data == null || data.isObject() || data.isTextual();
        break;
      case EVENT:
      case BINARY_EVENT:
        valid = data != null && data.isArray() && !data.isEmpty()
            && (data.get(0).isNumber() || data.get(0).isTextual() && !RESERVED_EVENTS.contains(data.get(0).asText()));
        break;
      case ACK:
      case BINARY_ACK:
        valid = data != null && data.isArray();
        break;
      default:
        valid = false;
    }
    if (!valid) {
      throw new SocketIoParseException("invalid payload for " + type);
    }
  }

  /** Every placeholder must name an attachment that will arrive: fail before buffering any. */
  private static void checkPlaceholders(JsonNode node, int count) throws SocketIoParseException {
    if (node.isObject()) {
      if (isPlaceholder(node)) {
        JsonNode num = node.get("num");
        if (num == null || !num.canConvertToExactIntegral() || num.asLong() < 0 || num.asLong() >= count) {
          throw new SocketIoParseException("illegal attachments");
        }
        return;
      }
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        checkPlaceholders(field.getValue(), count);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        checkPlaceholders(element, count);
      }
    }
  }

  private static boolean isPlaceholder(JsonNode node) {
    JsonNode flag = node.get("_placeholder");
    return flag != null && flag.isBoolean() && flag.booleanValue();
  }

  /** Replaces each placeholder in place (the tree is the decoder's own) with its attachment. */
  private static JsonNode reconstruct(JsonNode node, List<byte[]> buffers) {
    if (node.isObject()) {
      if (isPlaceholder(node)) {
        return BinaryNode.valueOf(buffers.get(node.get("num").asInt()));
      }
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>(object.size());
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        names.add(field.getKey());
      }
      for (String name : names) {
        object.set(name, reconstruct(object.get(name), buffers));
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, reconstruct(array.get(i), buffers));
      }
    }
    return node;
  }
}
