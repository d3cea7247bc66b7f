package dev.sio4j.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.PacketDecoder;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoParseException;
import dev.sio4j.protocol.socketio.SocketIoParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary message to a session that speaks the msgpack parser: refused with {@link SocketIoParseException} (the
 * connection closes) or decoded into one packet; that packet's encoding decodes again, and from then on encoding and
 * decoding are a fixed point (the first round may normalise numbers, as notepack does). Nothing else may be thrown.
 */
class MsgpackPacketFuzzTest {
  private static final ObjectMapper MAPPER = SocketIoJson.newMapper();
  private static final PacketEncoder ENCODER = SocketIoParser.msgpack().newEncoder(MAPPER);

  @FuzzTest(maxDuration = "5s")
  void message(byte[] message) throws SocketIoParseException {
    List<SocketIoPacket> decoded = decode(message);
    if (decoded.isEmpty()) {
      return;
    }
    assertEquals(1, decoded.size(), "one message, one packet");
    List<EngineIoPacket> once = ENCODER.encode(decoded.get(0));
    SocketIoPacket again = decodeAll(once);
    assertEquals(again, decodeAll(ENCODER.encode(again)));
  }

  /** The packets {@code message} decodes to; none when the decoder refuses it. */
  private static List<SocketIoPacket> decode(byte[] message) {
    List<SocketIoPacket> out = new ArrayList<>();
    PacketDecoder decoder = SocketIoParser.msgpack().newDecoder(MAPPER, 10, out::add);
    try {
      decoder.add(message);
    } catch (SocketIoParseException refused) {
      out.clear();
    }
    return out;
  }

  private static SocketIoPacket decodeAll(List<EngineIoPacket> frames) throws SocketIoParseException {
    List<SocketIoPacket> out = new ArrayList<>();
    PacketDecoder decoder = SocketIoParser.msgpack().newDecoder(MAPPER, 10, out::add);
    for (EngineIoPacket frame : frames) {
      if (frame.isBinary()) {
        decoder.add(frame.binary());
      } else {
        decoder.add(frame.text());
      }
    }
    assertEquals(1, out.size(), "the encoding of one packet decodes to one packet");
    return out.get(0);
  }
}
