package dev.sio4j.protocol.fuzz;

import static dev.sio4j.protocol.fuzz.Packets.assertSamePackets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio4j.protocol.engineio.EngineIoDecodeException;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoV3Codec;
import java.util.List;

/**
 * An Engine.IO v3 long-polling POST body, text ({@code <length>:<packet>} records) or binary (marker, length digits,
 * 255, record): refused with {@link EngineIoDecodeException} or decoded into packets that both payload forms carry
 * back unchanged; nothing else may be thrown.
 */
class V3PollingPayloadFuzzTest {
  @FuzzTest(maxDuration = "5s")
  void postBody(FuzzedDataProvider data) {
    boolean binary = data.consumeBoolean();
    List<EngineIoPacket> packets;
    try {
      packets = binary ? EngineIoV3Codec.decodeBinaryPayload(data.consumeRemainingAsBytes())
          : EngineIoV3Codec.decodeTextPayload(data.consumeRemainingAsString());
    } catch (EngineIoDecodeException refused) {
      return;
    }
    if (packets.isEmpty()) {
      // only empty records ("0:"), skipped as the reference skips them
      return;
    }
    assertSamePackets(packets, EngineIoV3Codec.decodeTextPayload(EngineIoV3Codec.encodeTextPayload(packets)));
    assertSamePackets(packets, EngineIoV3Codec.decodeBinaryPayload(EngineIoV3Codec.encodeBinaryPayload(packets)));
  }
}
