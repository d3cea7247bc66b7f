package dev.sio4j.interop.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
import dev.sio4j.protocol.socketio.SocketIoParseException;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.testing.NodePeer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * sio4j's msgpack parser against the official {@code socket.io-msgpack-parser} run by Node, on the shared table of
 * {@code src/test/node/msgpack/packets.js}: each packet encoded by the official parser must be encoded by sio4j to the
 * same bytes, and each side must decode the other's bytes to the same packet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MsgpackParserInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final HexFormat HEX = HexFormat.of();
  private static final JsonNodeFactory N = JsonNodeFactory.instance;

  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final PacketEncoder encoder = SocketIoParser.msgpack().newEncoder(mapper);
  private final List<JsonNode> cases = new ArrayList<>();
  private NodePeer node;

  @BeforeAll
  void runTheOfficialParser() throws Exception {
    Path script = Paths.get("src/test/node/msgpack/table.js");
    node = NodePeer.start(script.toFile().exists() ? script : Paths.get("interop-tests").resolve(script));
    while (true) {
      String line = node.awaitLine(l -> l.startsWith("case ") || l.equals("ready"), WAIT);
      if (line.equals("ready")) {
        break;
      }
      cases.add(mapper.readTree(line.substring("case ".length())));
    }
    assertTrue(cases.size() >= 20, "the table has its packets: " + cases.size());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void sio4jWritesTheBytesOfTheOfficialParser() {
    int compared = 0;
    for (JsonNode c : cases) {
      if (c.get("decodeOnly").asBoolean() || c.get("divergent").asBoolean()) {
        continue;
      }
      assertEquals(c.get("hex").asText(), HEX.formatHex(encode(packet(c.get("desc")))), c.get("name").asText());
      compared++;
    }
    assertTrue(compared >= 17, "compared " + compared);
  }

  @Test
  void sio4jReadsTheBytesOfTheOfficialParser() throws Exception {
    for (JsonNode c : cases) {
      List<SocketIoPacket> out = new ArrayList<>();
      SocketIoParser.msgpack().newDecoder(mapper, 10, out::add).add(HEX.parseHex(c.get("hex").asText()));
      assertEquals(1, out.size());
      SocketIoPacket expected = packet(c.get(c.get("divergent").asBoolean() ? "roundTrip" : "desc"));
      assertEquals(canonical(describe(expected)), canonical(describe(out.get(0))), c.get("name").asText());
    }
  }

  @Test
  void theOfficialParserReadsTheBytesOfSio4j() throws Exception {
    for (JsonNode c : cases) {
      if (c.get("decodeOnly").asBoolean()) {
        continue;
      }
      String name = URLEncoder.encode(c.get("name").asText(), StandardCharsets.UTF_8);
      node.sendLine("decode " + name + " " + HEX.formatHex(encode(packet(c.get("desc")))));
      String line = node.awaitLine(l -> l.startsWith("decoded " + name + " ") || l.startsWith("refused " + name + " "),
          WAIT);
      assertFalse(line.startsWith("refused"), line);
      JsonNode decoded = mapper.readTree(line.substring(("decoded " + name + " ").length()));
      // what the official decoder reads from its own bytes: the same value (notepack writes -0 as 0), except for
      // the divergent numbers, which sio4j keeps as sent
      JsonNode expected = c.get(c.get("divergent").asBoolean() ? "desc" : "roundTrip");
      assertEquals(canonical(expected), canonical(decoded), c.get("name").asText());
    }
  }

  @Test
  void bothRefuseWhatIsNotAPacket() throws Exception {
    // a map without nsp, a BINARY_EVENT type, trailing bytes: the official decoder throws, so does sio4j's
    for (String hex : List.of("81a47479706502", "82a47479706505a36e7370a12f", "82a47479706500a36e7370a12f00")) {
      node.sendLine("decode bad-" + hex + " " + hex);
      node.awaitLine(l -> l.startsWith("refused bad-" + hex + " "), WAIT);
      boolean refused = false;
      try {
        SocketIoParser.msgpack().newDecoder(mapper, 10, p -> { }).add(HEX.parseHex(hex));
      } catch (SocketIoParseException expected) {
        refused = true;
      }
      assertTrue(refused, hex);
    }
  }

  private byte[] encode(SocketIoPacket packet) {
    List<EngineIoPacket> messages = encoder.encode(packet);
    assertEquals(1, messages.size());
    return messages.get(0).binary();
  }

  /** The packet a description stands for. */
  private static SocketIoPacket packet(JsonNode desc) {
    SocketIoPacketType type = SocketIoPacketType.fromCode((char) ('0' + desc.get("type").asInt()));
    long id = desc.has("id") ? desc.get("id").asLong() : SocketIoPacket.NO_ACK;
    JsonNode data = desc.has("data") ? value(desc.get("data")) : null;
    return new SocketIoPacket(type, desc.get("nsp").asText(), id, data);
  }

  /** A described value as a tree: {@code {"$bin": hex}} binary, {@code {"$num": ..}} a special double. */
  private static JsonNode value(JsonNode desc) {
    if (desc.isObject() && desc.size() == 1 && desc.has("$bin")) {
      return N.binaryNode(HEX.parseHex(desc.get("$bin").asText()));
    }
    if (desc.isObject() && desc.size() == 1 && desc.has("$num")) {
      return N.numberNode(switch (desc.get("$num").asText()) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> -0.0;
      });
    }
    if (desc.isIntegralNumber() && Math.abs(desc.doubleValue()) > 0x1p53) {
      // JSON.stringify(2 ** 63) is 9223372036854776000: the JavaScript number is the double nearest to it
      return N.numberNode(desc.doubleValue());
    }
    if (desc.isArray()) {
      ArrayNode array = N.arrayNode();
      desc.forEach(e -> array.add(value(e)));
      return array;
    }
    if (desc.isObject()) {
      ObjectNode object = N.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = desc.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        object.set(field.getKey(), value(field.getValue()));
      }
      return object;
    }
    return desc;
  }

  /** A packet described as the Node script describes one. */
  private static JsonNode describe(SocketIoPacket packet) throws Exception {
    ObjectNode desc = N.objectNode().put("type", packet.type().code() - '0');
    if (packet.data() != null) {
      desc.set("data", describeValue(packet.data()));
    }
    if (packet.hasAckId()) {
      desc.put("id", packet.ackId());
    }
    desc.put("nsp", packet.namespace());
    return desc;
  }

  private static JsonNode describeValue(JsonNode value) throws Exception {
    if (value.isBinary()) {
      return N.objectNode().put("$bin", HEX.formatHex(value.binaryValue()));
    }
    if (value.isArray()) {
      ArrayNode array = N.arrayNode();
      for (JsonNode e : value) {
        array.add(describeValue(e));
      }
      return array;
    }
    if (value.isObject()) {
      ObjectNode object = N.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        object.set(field.getKey(), describeValue(field.getValue()));
      }
      return object;
    }
    if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
      return N.objectNode().put("$num", Double.isNaN(value.doubleValue()) ? "NaN"
          : value.doubleValue() > 0 ? "Infinity" : "-Infinity");
    }
    return value;
  }

  /**
   * A description as text in which keys are sorted and numbers compare as JavaScript numbers (3 and 3.0 alike, -0 as
   * 0): the key order of the wire is the byte test's business.
   */
  private static String canonical(JsonNode desc) {
    if (desc.isObject() && desc.size() == 1 && desc.has("$num") && desc.get("$num").asText().equals("-0")) {
      return "0";
    }
    if (desc.isNumber()) {
      double d = desc.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 0x1p63 ? Long.toString((long) d) : Double.toString(d);
    }
    if (desc.isArray()) {
      List<String> parts = new ArrayList<>();
      desc.forEach(e -> parts.add(canonical(e)));
      return "[" + String.join(",", parts) + "]";
    }
    if (desc.isObject()) {
      List<String> parts = new ArrayList<>();
      desc.fieldNames().forEachRemaining(k -> parts.add(k + ":" + canonical(desc.get(k))));
      parts.sort(null);
      return "{" + String.join(",", parts) + "}";
    }
    return desc.toString();
  }
}
