package dev.sio4j.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoDecoder;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client may send the Socket.IO decoder of one connection: text packets and binary attachments in any order.
 * Each is refused with {@link SocketIoParseException} (the connection closes) or decoded; a decoded packet encodes to
 * frames that decode to an equal packet; nothing else may be thrown. One decoder takes the whole sequence, so that
 * attachments arriving before, between and after packets are covered too.
 */
class SocketIoPacketFuzzTest {
  private static final int MAX_FRAMES = 8;

  @FuzzTest(maxDuration = "5s")
  void frames(FuzzedDataProvider data) {
    List<SocketIoPacket> decoded = new ArrayList<>();
    SocketIoDecoder decoder = new SocketIoDecoder(SocketIoJson.newMapper(), 3, decoded::add);
    try {
      for (int i = 0; i < MAX_FRAMES && data.remainingBytes() > 0; i++) {
        if (data.consumeBoolean()) {
          decoder.add(data.consumeBytes(data.consumeInt(0, 64)));
        } else {
          decoder.add(data.consumeString(data.consumeInt(0, 512)));
        }
      }
    } catch (SocketIoParseException refused) {
      return;
    }
    SocketIoEncoder encoder = new SocketIoEncoder();
    for (SocketIoPacket packet : decoded) {
      List<SocketIoPacket> again = new ArrayList<>();
      SocketIoDecoder second = new SocketIoDecoder(again::add);
      try {
        for (EngineIoPacket frame : encoder.encode(packet)) {
          if (frame.isBinary()) {
            second.add(frame.binary());
          } else {
            second.add(frame.text());
          }
        }
      } catch (SocketIoParseException e) {
        throw new AssertionError("the encoding of a decoded packet is refused: " + packet, e);
      }
      assertTrue(!second.isReconstructing(), "attachments missing from the encoding of " + packet);
      assertEquals(List.of(packet), again);
    }
  }
}
