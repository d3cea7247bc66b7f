package dev.sio4j.protocol.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The codec's own tree reading and writing gives what the mapper's {@code readTree}/{@code writeValueAsString} give. */
class JsonTreesTest {
  private static final ObjectMapper MAPPER = SocketIoJson.newMapper();
  private static final JsonTrees TREES = new JsonTrees(MAPPER);

  @ParameterizedTest
  @ValueSource(strings = {
      "[\"echo\",\"x\"]", "[]", "{}", "[[],{},[[]]]", "\"a\"", "0", "-0", "1.5", "-2.5e-7", "true", "null",
      "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
      "123456789012345678901234567890", "0.1", "3.141592653589793238462643383279",
      "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"\\u00e9\\n\\\"\\ud83d\\ude00\"}",
      " [ 1 , 2 ] ", "[\"\\u0000\\u001f\\/\"]", "[\"日本語\",\"😀\"]", "{\"\":\"\"}",
      "[{\"_placeholder\":true,\"num\":0}]"})
  void readsAndWritesWhatTheMapperDoes(String json) throws Exception {
    JsonNode expected = MAPPER.readTree(json);
    JsonNode actual = TREES.read(json, 0);
    assertEquals(expected, actual);
    assertEquals(expected.getClass(), actual.getClass());
    assertEquals(MAPPER.writeValueAsString(expected), write(actual));
  }

  @Test
  void numbersBeyondADoubleReadAsInfinityAndGoOutAsNullAsInJavaScript() throws Exception {
    JsonNode read = TREES.read("[1E400,-2222222222222222E222222,1.5]", 0);
    assertEquals(MAPPER.readTree("[1E400,-2222222222222222E222222,1.5]"), read);
    assertEquals(Double.POSITIVE_INFINITY, read.get(0).doubleValue());
    assertEquals("[null,null,1.5]", write(read));
    ArrayNode notNumbers = JsonNodeFactory.instance.arrayNode().add(Double.NaN).add(Float.POSITIVE_INFINITY);
    assertEquals("[null,null]", write(notNumbers));
  }

  @Test
  void readsFromAnOffset() throws Exception {
    assertEquals(MAPPER.readTree("[\"a\",1]"), TREES.read("21[\"a\",1]", 2));
  }

  @Test
  void whiteSpaceAloneIsNoValue() throws Exception {
    assertEquals(MissingNode.getInstance(), MAPPER.readTree("   "));
    assertEquals(MissingNode.getInstance(), TREES.read("2   ", 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,]", "[1", "{\"a\"}", "{\"a\":1", "[1] 2", "[1]]", "NaN", "[01]", "'a'", "[1,2", "{",
      "[\"\\x\"]", "[\"a\" \"b\"]", "tru"})
  void refusesWhatTheMapperRefuses(String json) {
    assertThrows(JacksonException.class, () -> MAPPER.readTree(json));
    assertThrows(JacksonException.class, () -> TREES.read(json, 0));
  }

  @Test
  void refusesNestingBeyondTheParsersLimit() {
    String deep = "[".repeat(2_000) + "]".repeat(2_000);
    assertThrows(JacksonException.class, () -> MAPPER.readTree(deep));
    assertThrows(JacksonException.class, () -> TREES.read(deep, 0));
  }

  @Test
  void writesNodesOnlyTheMapperKnowsThroughIt() throws Exception {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    array.add(BinaryNode.valueOf(new byte[] {1, 2, 3}));
    array.add(new POJONode(Map.of("k", List.of(1, 2))));
    array.add(JsonNodeFactory.instance.numberNode(1.5f));
    array.add(JsonNodeFactory.instance.numberNode((short) 7));
    array.add(JsonNodeFactory.instance.numberNode(new BigDecimal("1.50")));
    array.add(JsonNodeFactory.instance.numberNode(new BigInteger("99999999999999999999")));
    assertEquals(MAPPER.writeValueAsString(array), write(array));
  }

  @Test
  void aMapperThatBuildsTreesItsOwnWayIsFollowed() throws Exception {
    ObjectMapper decimals = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(JsonNodeFeature.WRITE_NULL_PROPERTIES)
        .build();
    JsonTrees trees = new JsonTrees(decimals);
    assertTrue(trees.read("[1.10]", 0).get(0).isBigDecimal());
    assertThrows(JacksonException.class, () -> trees.read("{\"a\":1,\"a\":2}", 0));
    ObjectNode withNull = JsonNodeFactory.instance.objectNode().put("a", 1).putNull("b");
    StringBuilder out = new StringBuilder();
    trees.write(withNull, out);
    assertEquals("{\"a\":1}", out.toString());
  }

  @Test
  void randomTreesRoundTripAsTheMapperWritesAndReadsThem() throws Exception {
    SplittableRandom random = new SplittableRandom(20261205);
    for (int i = 0; i < 2_000; i++) {
      JsonNode tree = randomNode(random, 0);
      String expected = MAPPER.writeValueAsString(tree);
      assertEquals(expected, write(tree));
      assertEquals(MAPPER.readTree(expected), TREES.read(expected, 0));
    }
  }

  private static JsonNode randomNode(SplittableRandom random, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int kind = random.nextInt(depth > 4 ? 7 : 9);
    switch (kind) {
      case 0:
        return f.textNode(randomString(random));
      case 1:
        return f.numberNode(random.nextInt());
      case 2:
        return f.numberNode(random.nextLong());
      case 3:
        return f.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(-20, 20)));
      case 4:
        return f.booleanNode(random.nextBoolean());
      case 5:
        return f.nullNode();
      case 6:
        return f.numberNode(BigInteger.valueOf(random.nextLong()).shiftLeft(70));
      case 7: {
        ArrayNode array = f.arrayNode();
        for (int n = random.nextInt(5); n > 0; n--) {
          array.add(randomNode(random, depth + 1));
        }
        return array;
      }
      default: {
        ObjectNode object = f.objectNode();
        for (int n = random.nextInt(5); n > 0; n--) {
          object.set(randomString(random), randomNode(random, depth + 1));
        }
        return object;
      }
    }
  }

  private static String randomString(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(8); n > 0; n--) {
      int pick = random.nextInt(4);
      s.appendCodePoint(pick == 0 ? random.nextInt(0, 0x20) : pick == 1 ? random.nextInt(0x20, 0x7f)
          : pick == 2 ? random.nextInt(0xa0, 0xd7ff) : random.nextInt(0x10000, 0x10ffff));
    }
    return s.toString();
  }

  private static String write(JsonNode node) throws Exception {
    StringBuilder out = new StringBuilder();
    TREES.write(node, out);
    return out.toString();
  }
}
