package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;

/** {@link SocketIoParser#json()}: the {@link SocketIoEncoder} and {@link SocketIoDecoder}. */
final class JsonPacketParser implements SocketIoParser {
  static final JsonPacketParser INSTANCE = new JsonPacketParser();

  private JsonPacketParser() {}

  @Override
  public String name() {
    return "json";
  }

  @Override
  public PacketEncoder newEncoder(ObjectMapper mapper) {
    return new SocketIoEncoder(mapper);
  }

  @Override
  public PacketDecoder newDecoder(ObjectMapper mapper, int maxAttachments, Consumer<SocketIoPacket> sink) {
    return new SocketIoDecoder(mapper, maxAttachments, sink);
  }

  @Override
  public String toString() {
    return "json";
  }
}
