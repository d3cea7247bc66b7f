package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.protocol.msgpack.MsgpackFormatException;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads each binary message of a session as one packet (see {@link MsgpackParser} for what is checked). A text
 * message is a parse error: the reference decoder hands it to notepack, which cannot read a string. Stateless apart
 * from its sink, so {@link #reset()} has nothing to drop.
 */
final class MsgpackPacketDecoder implements PacketDecoder {
  // JavaScript's Number.MAX_SAFE_INTEGER: an ack id beyond it would not round-trip through a JS peer.
  private static final long MAX_ACK_ID = (1L << 53) - 1;

  private final MsgpackReader reader;
  private final Consumer<SocketIoPacket> sink;

  MsgpackPacketDecoder(MsgpackReader reader, Consumer<SocketIoPacket> sink) {
    this.reader = reader;
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void add(String text) throws SocketIoParseException {
    throw new SocketIoParseException("got a text message, the msgpack parser expects binary ones");
  }

  @Override
  public void add(byte[] binary) throws SocketIoParseException {
    JsonNode root;
    try {
      root = reader.read(binary);
    } catch (MsgpackFormatException e) {
      throw new SocketIoParseException("invalid msgpack: " + e.getMessage(), e);
    }
    sink.accept(packet(root));
  }

  @Override
  public void reset() {
    // nothing is ever half received: one message, one packet
  }

  private static SocketIoPacket packet(JsonNode root) throws SocketIoParseException {
    if (!root.isObject()) {
      throw new SocketIoParseException("invalid packet type"); // the reference reads undefined.type
    }
    long typeCode = integer(root.get("type"), "invalid packet type");
    if (typeCode < 0 || typeCode > 4) {
      throw new SocketIoParseException("invalid packet type");
    }
    SocketIoPacketType type = SocketIoPacketType.fromCode((char) ('0' + typeCode));
    JsonNode nsp = root.get("nsp");
    if (nsp == null || !nsp.isTextual()) {
      throw new SocketIoParseException("invalid namespace");
    }
    JsonNode data = root.get("data"); // null when absent or undefined
    if (!isDataValid(type, data)) {
      throw new SocketIoParseException("invalid payload for " + type);
    }
    JsonNode id = root.get("id");
    long ackId = SocketIoPacket.NO_ACK;
    if (id != null) {
      ackId = integer(id, "invalid packet id");
      if (ackId < 0 || ackId > MAX_ACK_ID) {
        throw new SocketIoParseException("invalid packet id");
      }
    }
    if (type == SocketIoPacketType.ACK && ackId == SocketIoPacket.NO_ACK) {
      throw new SocketIoParseException("invalid packet id: an ACK needs one");
    }
    return new SocketIoPacket(type, nsp.textValue(), ackId, data);
  }

  private static boolean isDataValid(SocketIoPacketType type, JsonNode data) {
    return switch (type) {
      case CONNECT -> data == null || data.isObject();
      case DISCONNECT -> data == null;
      case CONNECT_ERROR -> data != null && (data.isObject() || data.isTextual());
      case EVENT -> data != null && data.isArray() && !data.isEmpty()
          && (data.get(0).isNumber()
              || data.get(0).isTextual() && !SocketIoDecoder.RESERVED_EVENTS.contains(data.get(0).textValue()));
      case ACK -> data != null && data.isArray();
      default -> false;
    };
  }

  /** {@code node} as an integer, as JavaScript's {@code Number.isInteger} sees it (2.0 is one). */
  private static long integer(JsonNode node, String error) throws SocketIoParseException {
    if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node != null && node.isFloatingPointNumber()) {
      double d = node.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= 0x1p53) {
        return (long) d;
      }
    }
    throw new SocketIoParseException(error);
  }
}
