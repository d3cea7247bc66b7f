package dev.sio4j.protocol.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The examples of the engine.io-protocol v3 README ("Encoding"), both ways, and the strictness of decoding. */
class EngineIoV3CodecTest {
  private static final EngineIoPacket EURO = EngineIoPacket.message("€");
  private static final EngineIoPacket BYTES = EngineIoPacket.message(new byte[] {1, 2, 3, 4});

  @Test
  void textPacketsAreAsInV4() {
    assertEquals("2probe", EngineIoV3Codec.encodeText(EngineIoPacket.of(EngineIoPacketType.PING, "probe")));
    assertEquals("4HelloWorld", EngineIoV3Codec.encodeText(EngineIoPacket.message("HelloWorld")));
    assertEquals("6", EngineIoV3Codec.encodeText(EngineIoPacket.of(EngineIoPacketType.NOOP, (String) null)));
    EngineIoPacket probe = EngineIoV3Codec.decodeText("3probe");
    assertEquals(EngineIoPacketType.PONG, probe.type());
    assertEquals("probe", probe.text());
    assertNull(EngineIoV3Codec.decodeText("2").text());
  }

  @Test
  void binaryPacketIsTypeByteThenBytes() {
    // "4|0|1|2|3|4|5"
    EngineIoPacket packet = EngineIoPacket.message(new byte[] {0, 1, 2, 3, 4, 5});
    byte[] frame = EngineIoV3Codec.encodeBinaryFrame(packet);
    assertArrayEquals(new byte[] {4, 0, 1, 2, 3, 4, 5}, frame);
    assertSame(frame, EngineIoV3Codec.encodeBinaryFrame(packet), "framed once per packet");
    EngineIoPacket back = EngineIoV3Codec.decodeBinaryFrame(frame);
    assertEquals(EngineIoPacketType.MESSAGE, back.type());
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5}, back.binary());
  }

  @Test
  void base64PacketCarriesItsType() {
    assertEquals("b4AQIDBA==", EngineIoV3Codec.encodeText(BYTES));
    EngineIoPacket back = EngineIoV3Codec.decodeText("b4AQIDBA==");
    assertEquals(EngineIoPacketType.MESSAGE, back.type());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, back.binary());
    assertArrayEquals("b4AQIDBA==".getBytes(StandardCharsets.US_ASCII),
        EngineIoV3Codec.base64Frame(BYTES).utf8Frame());
  }

  @Test
  void textPayloadCountsCharactersNotBytes() {
    // "6:4hello2:4€": 2 (1 + 1) instead of 4 (1 + 3)
    String payload = EngineIoV3Codec.encodeTextPayload(List.of(EngineIoPacket.message("hello"), EURO));
    assertEquals("6:4hello2:4€", payload);
    List<EngineIoPacket> back = EngineIoV3Codec.decodeTextPayload("6:4hello2:4€");
    assertEquals(2, back.size());
    assertEquals("hello", back.get(0).text());
    assertEquals("€", back.get(1).text());
  }

  @Test
  void lengthCountsUtf16CodeUnitsAsJavaScript() {
    // U+1F600 is two UTF-16 code units: String.length is 2 in JavaScript and in Java
    assertEquals("3:4\ud83d\ude00", EngineIoV3Codec.encodeTextPayload(List.of(EngineIoPacket.message("\ud83d\ude00"))));
    assertEquals("\ud83d\ude00", EngineIoV3Codec.decodeTextPayload("3:4\ud83d\ude00").get(0).text());
  }

  @Test
  void textPayloadWithBinaryUsesBase64() {
    // "2:4€10:b4AQIDBA=="
    assertEquals("2:4€10:b4AQIDBA==", EngineIoV3Codec.encodeTextPayload(List.of(EURO, BYTES)));
    List<EngineIoPacket> back = EngineIoV3Codec.decodeTextPayload("2:4€10:b4AQIDBA==");
    assertEquals("€", back.get(0).text());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, back.get(1).binary());
  }

  @Test
  void binaryPayloadAsInTheProtocolDocument() {
    // <00 04 ff 34 e2 82 ac 01 05 ff 04 01 02 03 04>
    byte[] expected = {0x00, 0x04, (byte) 0xff, 0x34, (byte) 0xe2, (byte) 0x82, (byte) 0xac, 0x01, 0x05, (byte) 0xff,
        0x04, 0x01, 0x02, 0x03, 0x04};
    assertArrayEquals(expected, EngineIoV3Codec.encodeBinaryPayload(List.of(EURO, BYTES)));
    List<EngineIoPacket> back = EngineIoV3Codec.decodeBinaryPayload(expected);
    assertEquals(2, back.size());
    assertEquals("€", back.get(0).text());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, back.get(1).binary());
  }

  @Test
  void binaryPayloadLengthsOfSeveralDigits() {
    byte[] data = new byte[300];
    byte[] payload = EngineIoV3Codec.encodeBinaryPayload(List.of(EngineIoPacket.message(data)));
    // 301 bytes: type byte and data
    assertArrayEquals(new byte[] {1, 3, 0, 1, (byte) 0xff, 4}, java.util.Arrays.copyOf(payload, 6));
    assertEquals(300, EngineIoV3Codec.decodeBinaryPayload(payload).get(0).binary().length);
  }

  @Test
  void emptyRecordsAreSkipped() {
    assertEquals(1, EngineIoV3Codec.decodeTextPayload("0:1:2").size());
  }

  @Test
  void refusesMalformedPayloads() {
    for (String bad : new String[] {"", "4hello", ":4", "x:4", "6:4hi", "2:4€3", "1:9", "1:b", "3:b9A", "4:b4@@",
        "12345678901:4"}) {
      assertThrows(EngineIoDecodeException.class, () -> EngineIoV3Codec.decodeTextPayload(bad), bad);
    }
    byte[][] badBinary = {{}, {2, 1, (byte) 0xff, 0x34}, {0, 1}, {0, 5, (byte) 0xff, 0x34}, {0, 10, (byte) 0xff},
        {1, 0, (byte) 0xff}, {0, 1, (byte) 0xff, (byte) 0xc3}, {1, 1, (byte) 0xff, 9}, {0, (byte) 0xff}};
    for (byte[] bad : badBinary) {
      assertThrows(EngineIoDecodeException.class, () -> EngineIoV3Codec.decodeBinaryPayload(bad),
          java.util.Arrays.toString(bad));
    }
  }

  @Test
  void randomInputOnlyFailsWithDecodeErrors() {
    Random random = new Random(3);
    String alphabet = "0123456789:b4AQ=+/€\ud83d\ude00\n";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      byte[] bytes = new byte[random.nextInt(20)];
      random.nextBytes(bytes);
      for (int j = random.nextInt(20); j > 0; j--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        EngineIoV3Codec.decodeTextPayload(text.toString());
      } catch (EngineIoDecodeException expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        fail("unexpected " + e + " for " + text);
      }
      try {
        EngineIoV3Codec.decodeBinaryPayload(bytes);
      } catch (EngineIoDecodeException expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        fail("unexpected " + e + " for " + java.util.Arrays.toString(bytes));
      }
    }
  }

  @Test
  void payloadsRoundTrip() {
    Random random = new Random(11);
    for (int i = 0; i < 1_000; i++) {
      List<EngineIoPacket> packets = new ArrayList<>();
      for (int j = 1 + random.nextInt(4); j > 0; j--) {
        if (random.nextBoolean()) {
          byte[] data = new byte[random.nextInt(40)];
          random.nextBytes(data);
          packets.add(EngineIoPacket.message(data));
        } else {
          packets.add(EngineIoPacket.message("x:€\ud83d\ude00".repeat(random.nextInt(4))));
        }
      }
      assertSamePackets(packets, EngineIoV3Codec.decodeTextPayload(EngineIoV3Codec.encodeTextPayload(packets)));
      assertSamePackets(packets, EngineIoV3Codec.decodeBinaryPayload(EngineIoV3Codec.encodeBinaryPayload(packets)));
    }
  }

  private static void assertSamePackets(List<EngineIoPacket> expected, List<EngineIoPacket> actual) {
    // an empty text MESSAGE is "4": it decodes back with no text
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      EngineIoPacket e = expected.get(i);
      EngineIoPacket a = actual.get(i);
      assertEquals(e.type(), a.type());
      if (e.isBinary()) {
        assertArrayEquals(e.binary(), a.binary());
      } else {
        assertEquals(e.text().isEmpty() ? null : e.text(), a.text());
      }
    }
  }
}
