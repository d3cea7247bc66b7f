package dev.sio4j.protocol.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The msgpack parser from its byte strings (the reference server's map, key by key); byte equality with the npm
 * parser itself is {@code MsgpackParserInteropTest} in interop-tests.
 */
class MsgpackParserTest {
  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();
  private static final ObjectMapper MAPPER = SocketIoJson.newMapper();
  private static final PacketEncoder ENCODER = SocketIoParser.msgpack().newEncoder(MAPPER);

  // the keys as fixstr: "type", "data", "id", "nsp"
  private static final String TYPE = "a474797065";
  private static final String DATA = "a464617461";
  private static final String ID = "a26964";
  private static final String NSP = "a36e7370";

  private static String hex(SocketIoPacket packet) {
    List<EngineIoPacket> out = ENCODER.encode(packet);
    assertEquals(1, out.size(), "one message per packet");
    assertTrue(out.get(0).isBinary());
    return HEX.formatHex(out.get(0).binary());
  }

  private static SocketIoPacket decode(String hex) throws SocketIoParseException {
    List<SocketIoPacket> out = new ArrayList<>();
    SocketIoParser.msgpack().newDecoder(MAPPER, 10, out::add).add(HEX.parseHex(hex));
    assertEquals(1, out.size());
    return out.get(0);
  }

  @Test
  void writesTheKeysTheReferenceServerWritesInItsOrder() {
    assertEquals("82" + TYPE + "00" + NSP + "a12f", hex(SocketIoPacket.connect("/", null)));
    assertEquals("83" + TYPE + "00" + DATA + "81a3736964a161" + NSP + "a12f",
        hex(SocketIoPacket.connect("/", N.objectNode().put("sid", "a"))));
    assertEquals("82" + TYPE + "01" + NSP + "a22f61", hex(SocketIoPacket.disconnect("/a")));
    assertEquals("83" + TYPE + "02" + DATA + "92a178c403010203" + NSP + "a12f",
        hex(SocketIoPacket.event("/", N.arrayNode().add("x").add(new byte[] {1, 2, 3}), SocketIoPacket.NO_ACK)));
    assertEquals("84" + TYPE + "02" + DATA + "91a178" + ID + "cd0100" + NSP + "a12f",
        hex(SocketIoPacket.event("/", N.arrayNode().add("x"), 256)));
    assertEquals("84" + ID + "07" + TYPE + "03" + DATA + "90" + NSP + "a12f",
        hex(SocketIoPacket.ack("/", 7, N.arrayNode())));
    assertEquals("83" + TYPE + "04" + DATA + "81a76d657373616765a26e6f" + NSP + "a12f",
        hex(SocketIoPacket.connectError("/", N.objectNode().put("message", "no"))));
  }

  @Test
  void binaryTypesAreSentAsTheirPlainTypes() {
    SocketIoPacket binaryAck = new SocketIoPacket(SocketIoPacketType.BINARY_ACK, "/", 1,
        N.arrayNode().add(new byte[] {9}));
    assertEquals("84" + ID + "01" + TYPE + "03" + DATA + "91c40109" + NSP + "a12f", hex(binaryAck));
  }

  @Test
  void readsKeysInAnyOrderAndIgnoresOthers() throws Exception {
    // the reference client's EVENT: {type, data, options: {compress: true}, id, nsp}
    SocketIoPacket event = decode("85" + TYPE + "02" + DATA + "92a165c40101" + "a76f7074696f6e73"
        + "81a8636f6d7072657373c3" + ID + "05" + NSP + "a12f");
    assertEquals(SocketIoPacketType.EVENT, event.type());
    assertEquals(5, event.ackId());
    assertEquals("e", event.eventName());
    assertArrayEquals(new byte[] {1}, event.data().get(1).binaryValue());
    // the reference client's CONNECT without auth: {type: 0, data: undefined, nsp}
    SocketIoPacket connect = decode("83" + TYPE + "00" + DATA + "d40000" + NSP + "a22f61");
    assertEquals(SocketIoPacket.connect("/a", null), connect);
    // keys reversed, type and id as float 64 (JavaScript's Number.isInteger accepts 3.0)
    SocketIoPacket ack = decode("84" + NSP + "a12f" + DATA + "90" + ID + "cb4000000000000000" + TYPE
        + "cb4008000000000000");
    assertEquals(SocketIoPacket.ack("/", 2, N.arrayNode()), ack);
  }

  @Test
  void refusesWhatTheReferenceRefuses() {
    String[] bad = {
        "c0", // not a map
        "81" + NSP + "a12f", // no type
        "82" + TYPE + "05" + NSP + "a12f", // BINARY_EVENT: not a msgpack type
        "82" + TYPE + "ff" + NSP + "a12f", // -1
        "81" + TYPE + "00", // no nsp
        "82" + TYPE + "00" + NSP + "01", // nsp not a string
        "83" + TYPE + "00" + DATA + "90" + NSP + "a12f", // CONNECT with an array
        "83" + TYPE + "00" + DATA + "c0" + NSP + "a12f", // CONNECT with null
        "83" + TYPE + "01" + DATA + "80" + NSP + "a12f", // DISCONNECT with data
        "82" + TYPE + "04" + NSP + "a12f", // CONNECT_ERROR without data
        "83" + TYPE + "02" + DATA + "80" + NSP + "a12f", // EVENT with a map
        "83" + TYPE + "02" + DATA + "90" + NSP + "a12f", // EVENT without a name
        "83" + TYPE + "02" + DATA + "91a7636f6e6e656374" + NSP + "a12f", // reserved "connect"
        "84" + TYPE + "02" + DATA + "91a178" + ID + "a131" + NSP + "a12f", // id a string
        "84" + TYPE + "02" + DATA + "91a178" + ID + "ff" + NSP + "a12f", // id negative
        "84" + TYPE + "02" + DATA + "91a178" + ID + "cb3ff8000000000000" + NSP + "a12f", // id 1.5
        "83" + TYPE + "03" + DATA + "90" + NSP + "a12f", // ACK without id
        "82" + TYPE + "00" + NSP + "a32f", // truncated
        "82" + TYPE + "00" + NSP + "a12f00", // trailing byte
        "82" + TYPE + "00" + NSP + "c1", // reserved format
    };
    for (String hex : bad) {
      assertThrows(SocketIoParseException.class, () -> decode(hex), hex);
    }
    PacketDecoder decoder = SocketIoParser.msgpack().newDecoder(MAPPER, 10, p -> fail("decoded " + p));
    assertThrows(SocketIoParseException.class, () -> decoder.add("0"), "a text message");
  }

  @Test
  void limitsNesting() throws Exception {
    String nested = "91".repeat(8) + "01";
    String packet = "83" + TYPE + "02" + DATA + "92a165" + nested + NSP + "a12f";
    List<SocketIoPacket> out = new ArrayList<>();
    // the packet's map, the data array, then 8 arrays: 10 levels
    MsgpackParser.builder().maxDepth(10).build().newDecoder(MAPPER, 10, out::add).add(HEX.parseHex(packet));
    assertEquals(1, out.size());
    PacketDecoder tight = MsgpackParser.builder().maxDepth(9).build().newDecoder(MAPPER, 10, out::add);
    SocketIoParseException e = assertThrows(SocketIoParseException.class, () -> tight.add(HEX.parseHex(packet)));
    assertTrue(e.getMessage().contains("nested deeper than 9"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MsgpackParser.builder().maxDepth(1));
  }

  @Test
  void roundTripsEveryKindOfValue() throws Exception {
    JsonNode data = N.arrayNode().add("e").add(1).add(-1).add(300).add(-70000).add(1L << 40).add(0.25).add(true)
        .addNull().add("\u00e9\ud83d\ude00").add(new byte[300]).add(N.objectNode().put("k", "v"));
    SocketIoPacket packet = SocketIoPacket.event("/chat", data, 12);
    assertEquals(packet, decode(hex(packet)));
    assertNull(decode(hex(SocketIoPacket.disconnect("/"))).data());
  }

  @Test
  void mutatedPacketsDecodeOrFailCleanly() {
    Random random = new Random(20261204L);
    List<byte[]> seeds = List.of(
        HEX.parseHex(hex(SocketIoPacket.connect("/", N.objectNode().put("token", "t")))),
        HEX.parseHex(hex(SocketIoPacket.event("/a", N.arrayNode().add("x").add(new byte[] {1, 2}).add(3.5), 4))),
        HEX.parseHex(hex(SocketIoPacket.ack("/", 9, N.arrayNode().add(N.objectNode().put("k", 1))))));
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = seeds.get(random.nextInt(seeds.size())).clone();
      for (int m = random.nextInt(3); m >= 0; m--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      List<SocketIoPacket> out = new ArrayList<>();
      try {
        SocketIoParser.msgpack().newDecoder(MAPPER, 10, out::add).add(bytes);
        decoded++;
        // what was accepted round-trips (compared as bytes: an integral float 64 comes back as an integer, as in JS)
        String once = hex(out.get(0));
        assertEquals(once, hex(decode(once)));
      } catch (SocketIoParseException expected) {
        // refused cleanly
      } catch (RuntimeException e) {
        fail("decoder threw " + e + " on " + HEX.formatHex(bytes), e);
      }
    }
    assertTrue(decoded > 0, "no mutation decoded: the fuzzer explores nothing");
  }
}
