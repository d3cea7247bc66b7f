package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.msgpack.MsgpackWriter;
import java.util.List;

/**
 * Writes a packet as the map the reference server hands to notepack (see {@link MsgpackParser} for the keys and their
 * order), straight into one binary message: no intermediate tree. Stateless and thread-safe.
 */
final class MsgpackPacketEncoder implements PacketEncoder {
  private final ObjectMapper mapper;

  MsgpackPacketEncoder(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public List<EngineIoPacket> encode(SocketIoPacket packet) {
    // msgpack has no attachments: a BINARY_* type handed in is sent as its plain type, binary inline
    SocketIoPacketType type = switch (packet.type()) {
      case BINARY_EVENT -> SocketIoPacketType.EVENT;
      case BINARY_ACK -> SocketIoPacketType.ACK;
      default -> packet.type();
    };
    boolean hasData = packet.data() != null;
    boolean hasId = packet.hasAckId();
    MsgpackWriter w = new MsgpackWriter(mapper, 32 + packet.namespace().length()
        + (hasData ? MsgpackWriter.estimateSize(packet.data()) : 0));
    w.writeMapHeader(2 + (hasData ? 1 : 0) + (hasId ? 1 : 0));
    if (type == SocketIoPacketType.ACK && hasId) {
      // the reference's ack callback builds {id, type, data} before adding nsp
      w.writeString("id").writeLong(packet.ackId());
      hasId = false;
    }
    w.writeString("type").writeLong(type.code() - '0');
    if (hasData) {
      w.writeString("data").writeTree(packet.data());
    }
    if (hasId) {
      w.writeString("id").writeLong(packet.ackId());
    }
    w.writeString("nsp").writeString(packet.namespace());
    return List.of(EngineIoPacket.message(w.toByteArray()));
  }
}
