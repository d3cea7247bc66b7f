package dev.sio4j.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.testing.NodePeer;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The msgpack of the cluster messages, byte for byte against {@code notepack.io} (the Node adapter's default parser)
 * run by Node.
 */
class MsgpackTreeTest {
  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  /** The broadcast message of the reference: {@code [uid, packet, opts]} with every kind of value. */
  private static ArrayNode fixture() {
    ArrayNode data = N.arrayNode().add("event").add(1).add(-5).add(-100).add(300).add(70000).add(-70000).add(1.5)
        .add("\u00e9t\u00e9 \ud83d\ude00").add("x".repeat(40)).add("y".repeat(300)).add(true).add(false).addNull()
        .add(new byte[] {1, 2, 3}).add(4_000_000_000L);
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
        "y".repeat(300), true, false, null, Buffer.from([1, 2, 3]), 4000000000, { a: [1, {}] }];
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
    byte[] ours = MsgpackTree.encode(fixture());
    assertEquals(nodeHex, HexFormat.of().formatHex(ours));
    JsonNode decoded = MsgpackTree.decode(HexFormat.of().parseHex(nodeHex));
    assertEquals(fixture().toString(), decoded.toString());
    assertArrayEquals(new byte[] {1, 2, 3}, decoded.get(1).get("data").get(14).binaryValue());
  }

  @Test
  void refusesMalformedAndTooDeepMessages() {
    assertThrows(IllegalArgumentException.class, () -> MsgpackTree.decode(new byte[] {(byte) 0x93, 1}));
    byte[] deep = new byte[1000];
    java.util.Arrays.fill(deep, (byte) 0x91); // [[[[...
    assertThrows(IllegalArgumentException.class, () -> MsgpackTree.decode(deep));
  }
}
