package dev.sio4j.protocol.fuzz;

import static dev.sio4j.protocol.fuzz.Packets.assertSamePackets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoDecodeException;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;

/**
 * A WebSocket text frame's text (any string, lone surrogates included): refused with {@link EngineIoDecodeException}
 * or decoded into a packet that re-encodes to a frame decoding to the same packet; nothing else may be thrown.
 */
class WebSocketFrameFuzzTest {
  @FuzzTest(maxDuration = "5s")
  void textFrame(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    EngineIoPacket packet;
    try {
      packet = EngineIoCodec.decodeText(text);
    } catch (EngineIoDecodeException refused) {
      return;
    }
    assertSamePackets(List.of(packet), List.of(EngineIoCodec.decodeText(EngineIoCodec.encodeText(packet))));
  }
}
