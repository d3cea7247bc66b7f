package dev.sio4j.protocol.engineio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of the engine.io-protocol README, both ways, and the strictness of decoding. */
class EngineIoCodecTest {

  @Test
  void encodesEveryTypeAsItsDigit() {
    assertEquals("0{\"sid\":\"x\"}", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.OPEN, "{\"sid\":\"x\"}")));
    assertEquals("1", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.CLOSE, (String) null)));
    assertEquals("2", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.PING, (String) null)));
    assertEquals("2probe", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.PING, "probe")));
    assertEquals("3probe", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.PONG, "probe")));
    assertEquals("4hello", EngineIoCodec.encodeText(EngineIoPacket.message("hello")));
    assertEquals("5", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.UPGRADE, (String) null)));
    assertEquals("6", EngineIoCodec.encodeText(EngineIoPacket.of(EngineIoPacketType.NOOP, (String) null)));
  }

  @Test
  void encodesBinaryAsBase64WithPrefix() {
    EngineIoPacket packet = EngineIoPacket.message(new byte[] {1, 2, 3, 4});
    assertEquals("bAQIDBA==", EngineIoCodec.encodeText(packet));
    assertEquals(9, EngineIoCodec.encodedTextLength(packet));
  }

  @Test
  void decodesTextPackets() {
    EngineIoPacket message = EngineIoCodec.decodeText("4hello");
    assertEquals(EngineIoPacketType.MESSAGE, message.type());
    assertEquals("hello", message.text());
    EngineIoPacket ping = EngineIoCodec.decodeText("2");
    assertSame(EngineIoPacketType.PING, ping.type());
    assertNull(ping.text());
    assertEquals("probe", EngineIoCodec.decodeText("2probe").text());
    assertNull(EngineIoCodec.decodeText("4").text());
    assertEquals("é€😀", EngineIoCodec.decodeText("4é€😀").text());
  }

  @Test
  void decodesBinaryPackets() {
    EngineIoPacket packet = EngineIoCodec.decodeText("bAQIDBA==");
    assertTrue(packet.isBinary());
    assertEquals(EngineIoPacketType.MESSAGE, packet.type());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, packet.binary());
    assertArrayEquals(new byte[] {9}, EngineIoCodec.decodeBinaryFrame(new byte[] {9}).binary());
  }

  @Test
  void refusesInvalidPackets() {
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodeText(""));
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodeText("abc"));
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodeText("7"));
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodeText("/"));
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodeText("b!!!"));
  }

  @Test
  void encodesPayloadsJoinedByRecordSeparator() {
    List<EngineIoPacket> packets = List.of(EngineIoPacket.message("hello"), EngineIoPacket.message(new byte[] {1, 2, 3, 4}));
    assertEquals("4hello\u001ebAQIDBA==", EngineIoCodec.encodePayload(packets));
    assertArrayEquals("4hello\u001ebAQIDBA==".getBytes(StandardCharsets.UTF_8), EngineIoCodec.encodePayloadUtf8(packets));
    assertEquals("4é", new String(EngineIoCodec.encodePayloadUtf8(List.of(EngineIoPacket.message("é"))),
        StandardCharsets.UTF_8));
    assertThrows(IllegalArgumentException.class, () -> EngineIoCodec.encodePayload(List.of()));
  }

  @Test
  void decodesPayloads() {
    List<EngineIoPacket> packets = EngineIoCodec.decodePayload("4test1\u001e4test2\u001ebAQIDBA==\u001e3");
    assertEquals(4, packets.size());
    assertEquals("test1", packets.get(0).text());
    assertEquals("test2", packets.get(1).text());
    assertArrayEquals(new byte[] {1, 2, 3, 4}, packets.get(2).binary());
    assertEquals(EngineIoPacketType.PONG, packets.get(3).type());
    assertEquals(1, EngineIoCodec.decodePayload("4hello".getBytes(StandardCharsets.UTF_8)).size());
  }

  @Test
  void refusesPayloadsWithAnyInvalidRecord() {
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodePayload("4ok\u001eabc"));
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodePayload("4ok\u001e"));
    assertThrows(EngineIoDecodeException.class, () -> EngineIoCodec.decodePayload(""));
  }

  @Test
  void roundTripsEveryEncodedPacket() {
    for (EngineIoPacketType type : EngineIoPacketType.values()) {
      EngineIoPacket packet = EngineIoPacket.of(type, "x y");
      EngineIoPacket back = EngineIoCodec.decodeText(EngineIoCodec.encodeText(packet));
      assertEquals(type, back.type());
      assertEquals("x y", back.text());
    }
  }
}
