package dev.sio4j.protocol.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random input never escapes the decoder as anything but {@link EngineIoDecodeException}, and everything encoded
 * decodes back to itself. Seeded, so each run checks the same cases.
 */
class EngineIoCodecFuzzTest {
  private static final String ALPHABET = "0123456789bB4\u001e=+/aZ\u00e9\u20ac\ud83d\ude00 \n\"{}";

  @Test
  void randomPayloadsOnlyFailWithDecodeErrors() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder input = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        input.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      try {
        EngineIoCodec.decodePayload(input.toString());
      } catch (EngineIoDecodeException expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        fail("unexpected " + e + " for " + input);
      }
    }
  }

  @Test
  void randomPacketListsRoundTrip() {
    Random random = new Random(7);
    EngineIoPacketType[] types = EngineIoPacketType.values();
    for (int i = 0; i < 2_000; i++) {
      List<EngineIoPacket> packets = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int j = 0; j < count; j++) {
        if (random.nextBoolean()) {
          byte[] data = new byte[random.nextInt(20)];
          random.nextBytes(data);
          packets.add(EngineIoPacket.message(data));
        } else {
          StringBuilder text = new StringBuilder();
          int length = random.nextInt(10);
          for (int k = 0; k < length; k++) {
            char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            text.append(c == '\u001e' ? 'x' : c);
          }
          packets.add(EngineIoPacket.of(types[random.nextInt(types.length)], text.toString()));
        }
      }
      List<EngineIoPacket> back = EngineIoCodec.decodePayload(EngineIoCodec.encodePayload(packets));
      assertEquals(packets.size(), back.size());
      for (int j = 0; j < packets.size(); j++) {
        assertEquals(EngineIoCodec.encodeText(packets.get(j)), EngineIoCodec.encodeText(back.get(j)));
      }
    }
  }
}
