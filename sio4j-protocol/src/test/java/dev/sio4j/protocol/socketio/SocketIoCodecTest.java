package dev.sio4j.protocol.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec against the examples of the socket.io-protocol document and the reference parser's rules. */
class SocketIoCodecTest {
  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final SocketIoEncoder encoder = new SocketIoEncoder(mapper);
  private final List<SocketIoPacket> decoded = new ArrayList<>();
  private final SocketIoDecoder decoder = new SocketIoDecoder(decoded::add);

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }

  private SocketIoPacket decodeOne(String text) throws SocketIoParseException {
    decoder.add(text);
    assertEquals(1, decoded.size());
    return decoded.remove(0);
  }

  @Test
  void encodesTheProtocolExamples() throws Exception {
    assertEquals("0", encoder.encodeParts(SocketIoPacket.connect("/", null)).text());
    assertEquals("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}",
        encoder.encodeParts(SocketIoPacket.connect("/admin", json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}"))).text());
    assertEquals("1/admin,", encoder.encodeParts(SocketIoPacket.disconnect("/admin")).text());
    assertEquals("2[\"hello\",1]", encoder.encodeParts(SocketIoPacket.event("/", json("[\"hello\",1]"), -1)).text());
    assertEquals("2/admin,456[\"project:delete\",123]",
        encoder.encodeParts(SocketIoPacket.event("/admin", json("[\"project:delete\",123]"), 456)).text());
    assertEquals("3/admin,456[]", encoder.encodeParts(SocketIoPacket.ack("/admin", 456, json("[]"))).text());
    assertEquals("4{\"message\":\"Not authorized\"}",
        encoder.encodeParts(SocketIoPacket.connectError("/", json("{\"message\":\"Not authorized\"}"))).text());
  }

  @Test
  void integersStayIntegersAndJsonIsCompact() throws Exception {
    JsonNode data = json("[\"n\", 1, 2.5, 12345678901234, {\"a\" : [true, null]}]");
    assertEquals("2[\"n\",1,2.5,12345678901234,{\"a\":[true,null]}]",
        encoder.encodeParts(SocketIoPacket.event("/", data, -1)).text());
  }

  @Test
  void encodesBinaryAsPlaceholdersAndAttachments() throws Exception {
    ArrayNode data = mapper.createArrayNode().add("hello");
    data.addObject().set("b", BinaryNode.valueOf(new byte[] {1, 2, 3}));
    data.add(BinaryNode.valueOf(new byte[] {4}));
    List<EngineIoPacket> packets = encoder.encode(SocketIoPacket.event("/", data, -1));
    assertEquals(3, packets.size());
    assertEquals("52-[\"hello\",{\"b\":{\"_placeholder\":true,\"num\":0}},{\"_placeholder\":true,\"num\":1}]",
        packets.get(0).text());
    assertArrayEquals(new byte[] {1, 2, 3}, packets.get(1).binary());
    assertArrayEquals(new byte[] {4}, packets.get(2).binary());
    // the caller's tree is left alone
    assertTrue(data.get(2).isBinary());

    SocketIoPacket ack = SocketIoPacket.ack("/admin", 456, mapper.createArrayNode().add(BinaryNode.valueOf(new byte[0])));
    assertEquals("61-/admin,456[{\"_placeholder\":true,\"num\":0}]", encoder.encodeParts(ack).text());
  }

  @Test
  void decodesTheProtocolExamples() throws Exception {
    assertEquals(SocketIoPacket.connect("/", null), decodeOne("0"));
    assertEquals(SocketIoPacket.connect("/admin", json("{\"token\":\"123\"}")), decodeOne("0/admin,{\"token\":\"123\"}"));
    assertEquals(SocketIoPacket.connect("/custom", null), decodeOne("0/custom"));
    assertEquals(SocketIoPacket.disconnect("/admin"), decodeOne("1/admin,"));
    assertEquals(SocketIoPacket.event("/", json("[\"hello\",1]"), -1), decodeOne("2[\"hello\",1]"));
    assertEquals(SocketIoPacket.event("/admin", json("[\"project:delete\",123]"), 456),
        decodeOne("2/admin,456[\"project:delete\",123]"));
    assertEquals(SocketIoPacket.event("/", json("[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"), 456),
        decodeOne("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"));
    assertEquals(SocketIoPacket.ack("/admin", 456, json("[]")), decodeOne("3/admin,456[]"));
    assertEquals(SocketIoPacket.connectError("/", json("{\"message\":\"Not authorized\"}")),
        decodeOne("4{\"message\":\"Not authorized\"}"));
    assertEquals(SocketIoPacket.event("/", json("[42,\"x\"]"), -1), decodeOne("2[42,\"x\"]"));
  }

  @Test
  void reassemblesAttachmentsInOrder() throws Exception {
    decoder.add("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":1},{\"x\":{\"_placeholder\":true,\"num\":0}}]");
    assertTrue(decoder.isReconstructing());
    decoder.add(new byte[] {1, 2, 3});
    assertTrue(decoded.isEmpty());
    decoder.add(new byte[] {4, 5, 6});
    assertFalse(decoder.isReconstructing());
    SocketIoPacket packet = decoded.remove(0);
    assertEquals(SocketIoPacketType.EVENT, packet.type());
    assertEquals(789, packet.ackId());
    assertArrayEquals(new byte[] {4, 5, 6}, packet.data().get(1).binaryValue());
    assertArrayEquals(new byte[] {1, 2, 3}, packet.data().get(2).get("x").binaryValue());
    assertEquals("message-with-ack", packet.eventName());

    decoder.add("61-/admin,456[{\"_placeholder\":true,\"num\":0}]");
    decoder.add(new byte[] {9});
    SocketIoPacket ack = decoded.remove(0);
    assertEquals(SocketIoPacketType.ACK, ack.type());
    assertEquals("/admin", ack.namespace());
    assertArrayEquals(new byte[] {9}, ack.data().get(0).binaryValue());
  }

  @Test
  void roundTripsThroughTheDecoder() throws Exception {
    ArrayNode data = mapper.createArrayNode().add("bin").add(BinaryNode.valueOf(new byte[] {7, 8}));
    data.addObject().put("n", 3);
    SocketIoPacket sent = SocketIoPacket.event("/chat", data, 12);
    for (EngineIoPacket frame : encoder.encode(sent)) {
      if (frame.isBinary()) {
        decoder.add(frame.binary());
      } else {
        decoder.add(frame.text());
      }
    }
    assertEquals(sent, decoded.remove(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "7", "abc", "4abc", "2{}", "2\"x\"", "2[]", "2[true]", "2[\"connect\"]",
      "2[\"disconnecting\"]", "2[\"newListener\"]", "2abc[\"message-with-ack\",1]", "2[\"a\"", "2[\"a\"]x", "3", "3{}",
      "1{}", "1/admin,\"x\"", "0[]", "0\"x\"", "4[1]", "5-[\"a\"]", "50-[\"a\"]", "5x-[\"a\"]", "511-[\"a\"]",
      "51[\"a\"]", "51-[\"a\",{\"_placeholder\":true,\"num\":1}]", "51-[\"a\",{\"_placeholder\":true,\"num\":-1}]",
      "51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]", "51-[\"a\",{\"_placeholder\":true}]", "2[NaN]",
      "299999999999999999[\"a\"]", "2[\"a\"]/* c */"})
  void refusesWhatTheReferenceRefuses(String text) {
    assertThrows(SocketIoParseException.class, () -> decoder.add(text));
    assertTrue(decoded.isEmpty());
  }

  @Test
  void refusesFramesOutOfOrder() throws Exception {
    assertThrows(SocketIoParseException.class, () -> decoder.add(new byte[] {1}));
    decoder.add("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
    assertThrows(SocketIoParseException.class, () -> decoder.add("2[\"a\"]"));
    decoder.reset();
    decoder.add("2[\"a\"]");
    assertEquals(1, decoded.size());
  }

  @Test
  void enforcesMaxAttachments() throws Exception {
    SocketIoDecoder strict = new SocketIoDecoder(mapper, 2, decoded::add);
    assertThrows(SocketIoParseException.class, () -> strict.add("53-[\"a\"]"));
    strict.add("52-[\"a\"]");
    strict.add(new byte[0]);
    strict.add(new byte[0]);
    assertEquals(1, decoded.size());
  }
}
