package dev.sio4j.protocol.fuzz;

import static dev.sio4j.protocol.fuzz.Packets.assertSamePackets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoDecodeException;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;

/**
 * A long-polling POST body, as any bytes a client may send: refused with {@link EngineIoDecodeException} or decoded
 * into packets whose payload decodes to the same packets again; nothing else may be thrown.
 */
class PollingPayloadFuzzTest {
  @FuzzTest(maxDuration = "5s")
  void postBody(byte[] body) {
    List<EngineIoPacket> packets;
    try {
      packets = EngineIoCodec.decodePayload(body);
    } catch (EngineIoDecodeException refused) {
      return;
    }
    assertSamePackets(packets, EngineIoCodec.decodePayload(EngineIoCodec.encodePayloadUtf8(packets)));
  }
}
