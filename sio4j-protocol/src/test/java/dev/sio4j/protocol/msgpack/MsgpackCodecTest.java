package dev.sio4j.protocol.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.testing.NodePeer;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link MsgpackWriter} and {@link MsgpackReader}: the formats of the msgpack spec ("Formats") from their byte strings,
 * notepack's choices, and a whole message byte for byte against {@code notepack.io} run by Node.
 */
class MsgpackCodecTest {
  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private static final HexFormat HEX = HexFormat.of();

  private static String hex(JsonNode node) {
    return HEX.formatHex(MsgpackWriter.encode(node));
  }

  private static JsonNode read(String hex) {
    return MsgpackReader.decode(HEX.parseHex(hex));
  }

  @Test
  void writesIntegersInTheirSmallestForm() {
    assertEquals("00", hex(N.numberNode(0)));
    assertEquals("7f", hex(N.numberNode(127)));
    assertEquals("cc80", hex(N.numberNode(128)));
    assertEquals("ccff", hex(N.numberNode(255)));
    assertEquals("cd0100", hex(N.numberNode(256)));
    assertEquals("cdffff", hex(N.numberNode(65535)));
    assertEquals("ce00010000", hex(N.numberNode(65536)));
    assertEquals("ceffffffff", hex(N.numberNode(4294967295L)));
    assertEquals("cf0000000100000000", hex(N.numberNode(4294967296L)));
    assertEquals("cf001fffffffffffff", hex(N.numberNode(9007199254740991L)));
    assertEquals("ff", hex(N.numberNode(-1)));
    assertEquals("e0", hex(N.numberNode(-32)));
    assertEquals("d0df", hex(N.numberNode(-33)));
    assertEquals("d080", hex(N.numberNode(-128)));
    assertEquals("d1ff7f", hex(N.numberNode(-129)));
    assertEquals("d18000", hex(N.numberNode(-32768)));
    assertEquals("d2ffff7fff", hex(N.numberNode(-32769)));
    assertEquals("d280000000", hex(N.numberNode(Integer.MIN_VALUE)));
    assertEquals("d3ffffffff7fffffff", hex(N.numberNode(-2147483649L)));
    assertEquals("cfffffffffffffffff", hex(N.numberNode(new BigInteger("18446744073709551615"))));
  }

  @Test
  void writesOtherNumbersAsNotepackDoes() {
    assertEquals("cb3ff8000000000000", hex(N.numberNode(1.5)));
    assertEquals("03", hex(N.numberNode(3.0)), "an integral double is an integer in JavaScript");
    assertEquals("00", hex(N.numberNode(-0.0)), "notepack writes -0 as 0");
    assertEquals("cb7ff8000000000000", hex(N.numberNode(Double.NaN)));
    assertEquals("cb7ff0000000000000", hex(N.numberNode(Double.POSITIVE_INFINITY)));
    assertEquals("cb3fb999999999999a", hex(N.numberNode(0.1f)), "a float as the decimal it prints as");
    assertEquals("cb44b52d02c7e14af6", hex(N.numberNode(1e23)), "beyond 64 bits: a float 64");
    assertEquals("cf8000000000000000", hex(N.numberNode(0x1p63)));
    assertEquals("cffffffffffffff800", hex(N.numberNode(0x1p64 - 2048)));
    assertEquals("cb43f0000000000000", hex(N.numberNode(0x1p64)));
    assertEquals("d38000000000000000", hex(N.numberNode(-0x1p63)));
  }

  @Test
  void writesStringsBinaryArraysAndMapsByLength() {
    assertEquals("a0", hex(N.textNode("")));
    assertEquals("a3c3a961", hex(N.textNode("\u00e9a")));
    assertEquals("bf" + "61".repeat(31), hex(N.textNode("a".repeat(31))));
    assertEquals("d920" + "61".repeat(32), hex(N.textNode("a".repeat(32))));
    assertEquals("da0100" + "61".repeat(256), hex(N.textNode("a".repeat(256))));
    assertTrue(hex(N.textNode("a".repeat(65536))).startsWith("db00010000"));
    assertEquals("c403010203", hex(N.binaryNode(new byte[] {1, 2, 3})));
    assertTrue(hex(N.binaryNode(new byte[256])).startsWith("c50100"));
    assertTrue(hex(N.binaryNode(new byte[65536])).startsWith("c600010000"));
    ArrayNode sixteen = N.arrayNode();
    for (int i = 0; i < 16; i++) {
      sixteen.add(i);
    }
    assertEquals("dc0010" + "000102030405060708090a0b0c0d0e0f", hex(sixteen));
    assertEquals("93c0c3c2", hex(N.arrayNode().addNull().add(true).add(false)));
    assertEquals("82a16101a162a0", hex(N.objectNode().put("a", 1).put("b", "")));
  }

  @Test
  void readsEveryFormat() throws Exception {
    assertEquals(N.numberNode(5), read("05"));
    assertEquals(N.numberNode(-3), read("fd"));
    assertEquals(N.numberNode(200), read("ccc8"));
    assertEquals(N.numberNode(4294967295L), read("ceffffffff"));
    assertEquals(N.numberNode(new BigInteger("18446744073709551615")), read("cfffffffffffffffff"));
    assertEquals(N.numberNode(-100), read("d09c"));
    assertEquals(N.numberNode(-2147483649L), read("d3ffffffff7fffffff"));
    assertEquals(N.numberNode(1.5), read("ca3fc00000"), "float 32 widened, as JavaScript reads it");
    assertEquals(N.numberNode(1.5), read("cb3ff8000000000000"));
    assertEquals(N.textNode("ab"), read("d9026162"));
    assertEquals(N.textNode("ab"), read("da00026162"));
    assertEquals(N.textNode("ab"), read("db000000026162"));
    assertEquals(N.textNode("\ufffd"), read("a1ff"), "malformed UTF-8 replaced, as Node does");
    assertArrayEquals(new byte[] {9}, read("c50001" + "09").binaryValue());
    assertArrayEquals(new byte[] {9}, read("c600000001" + "09").binaryValue());
    assertEquals(N.arrayNode().add(1), read("dd0000000101"));
    assertEquals(N.objectNode().put("a", 1), read("df00000001a16101"));
    assertEquals(N.objectNode().put("1", true), read("8101c3"), "a key that is not a string keys by its text");
  }

  @Test
  void keysThatAreNotStringsBecomeWhatJavaScriptMakesOfThem() throws Exception {
    // String(key), as a JavaScript object's keys are: {} is "[object Object]", [1, null, [2, 3]] is "1,,2,3"
    assertEquals(N.objectNode().put("[object Object]", 1), read("81" + "80" + "01"));
    assertEquals(N.objectNode().put("1,,2,3", 1), read("81" + "93" + "01" + "c0" + "92" + "02" + "03" + "01"));
    // maps keyed by maps, 80 levels deep: the text stays short (a key's JSON would double its escaping per level)
    StringBuilder nested = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      nested.append("81");
    }
    nested.append("80").append("01");
    for (int i = 0; i < 79; i++) {
      nested.append("01");
    }
    assertEquals(N.objectNode().put("[object Object]", 1), read(nested.toString()));
  }

  @Test
  void readsNotepackExtensionsAsJsonWouldCarryThem() throws Exception {
    // undefined (fixext 1, type 0): left out of a map, null in an array
    assertEquals(N.objectNode().put("a", 1), read("82a16101a162d40000"));
    assertEquals(N.arrayNode().addNull(), read("91d40000"));
    assertTrue(read("d40000").isMissingNode());
    // a Date (fixext 8, type 0: epoch milliseconds) as JSON.stringify writes it
    assertEquals(N.textNode("2024-01-02T03:04:05.678Z"), read("d700" + "0000018cc820db2e"));
    // a Node ArrayBuffer (ext 8, type 0) is binary
    assertArrayEquals(new byte[] {7, 8}, read("c7020007" + "08").binaryValue());
    // another extension: notepack's [type, bin]
    JsonNode other = read("d5050102");
    assertEquals(5, other.get(0).intValue());
    assertArrayEquals(new byte[] {1, 2}, other.get(1).binaryValue());
  }

  @Test
  void refusesMalformedInput() {
    for (String bad : new String[] {"", "c1", "93", "9301", "a3", "d9", "cd01", "c405", "82a161", "0000",
        "dd7fffffff", "df7fffffff", "c9ffffffff00", "d70000"}) {
      assertThrows(MsgpackFormatException.class, () -> read(bad), bad);
    }
    byte[] deep = new byte[2000];
    Arrays.fill(deep, (byte) 0x91);
    deep[deep.length - 1] = 0;
    MsgpackFormatException e = assertThrows(MsgpackFormatException.class, () -> MsgpackReader.decode(deep));
    assertTrue(e.getMessage().contains("nested deeper than 128"), e.getMessage());
    byte[] shallow = Arrays.copyOfRange(deep, deep.length - 11, deep.length);
    assertEquals(10, depth(new MsgpackReader(N, 10).read(shallow)));
    assertThrows(MsgpackFormatException.class, () -> new MsgpackReader(N, 9).read(shallow));
  }

  @Test
  void aLimitAboveWhatTheStackHoldsRefusesTheMessageInsteadOfFailingTheThread() throws Exception {
    byte[] deep = new byte[100_001];
    Arrays.fill(deep, (byte) 0x91);
    deep[deep.length - 1] = 0;
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread small = new Thread(null, () -> {
      try {
        new MsgpackReader(N, 200_000).read(deep);
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();
    assertTrue(thrown.get() instanceof MsgpackFormatException, String.valueOf(thrown.get()));
  }

  private static int depth(JsonNode node) {
    return node.isArray() ? 1 + depth(node.get(0)) : 0;
  }

  /** A cluster message of the Redis adapter: {@code [uid, packet, opts]} with every kind of value. */
  private static ArrayNode fixture() {
    ArrayNode data = N.arrayNode().add("event").add(1).add(-5).add(-100).add(300).add(70000).add(-70000).add(1.5)
        .add("\u00e9t\u00e9 \ud83d\ude00").add("x".repeat(40)).add("y".repeat(300)).add(true).add(false).addNull()
        .add(new byte[] {1, 2, 3}).add(4_000_000_000L).add(-5_000_000_000L).add(0.1);
    data.addObject().set("a", N.arrayNode().add(1).add(N.objectNode()));
    ObjectNode packet = N.objectNode().put("type", 2);
    packet.set("data", data);
    packet.put("nsp", "/");
    ObjectNode opts = N.objectNode();
    opts.set("rooms", N.arrayNode().add("r"));
    opts.set("except", N.arrayNode());
    opts.putObject("flags").put("compress", true).put("timeout", 5000);
    return N.arrayNode().add("abc123").add(packet).add(opts);
  }

  private static final String NODE_FIXTURE = """
      const notepack = require("notepack.io");
      const data = ["event", 1, -5, -100, 300, 70000, -70000, 1.5, "\\u00e9t\\u00e9 \\ud83d\\ude00", "x".repeat(40),
        "y".repeat(300), true, false, null, Buffer.from([1, 2, 3]), 4000000000, -5000000000, 0.1, { a: [1, {}] }];
      const msg = ["abc123", { type: 2, data, nsp: "/" },
        { rooms: ["r"], except: [], flags: { compress: true, timeout: 5000 } }];
      console.log(notepack.encode(msg).toString("hex"));
      """;

  @Test
  void encodesAsNotepackDoesAndReadsItBack() throws Exception {
    String nodeHex;
    try (NodePeer node = NodePeer.startScript(NODE_FIXTURE)) {
      nodeHex = node.awaitLine(l -> l.matches("[0-9a-f]+"), Duration.ofSeconds(10));
    }
    assertEquals(nodeHex, hex(fixture()));
    JsonNode decoded = read(nodeHex);
    assertEquals(fixture().toString(), decoded.toString());
    assertArrayEquals(new byte[] {1, 2, 3}, decoded.get(1).get("data").get(14).binaryValue());
  }
}
