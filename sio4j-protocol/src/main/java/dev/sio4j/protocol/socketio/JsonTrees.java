package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the JSON of a packet as a tree through the mapper's own parser and generator, without the data
 * binding layer that {@code readTree} and {@code writeValueAsString} go through: no deserialization context or
 * serializer provider per packet, and a much smaller body of code for the JIT to compile on the path of every event.
 * The trees are the ones Jackson builds: the mapper's node factory, its parser and generator features, its number
 * types. Where the mapper is configured to build or write trees differently (big numbers for all numbers, duplicate
 * keys refused, null properties dropped, sorted properties), both directions go through the mapper as before.
 *
 * <p>One difference from the mapper, on purpose: a number that is not finite is written as {@code null}, as
 * {@code JSON.stringify} writes it, not as a string (unless the mapper writes the tree, as above).
 *
 * <p>Thread-safe, as the mapper is.
 */
final class JsonTrees {
  private final ObjectMapper mapper;
  private final JsonNodeFactory nodes;
  private final boolean plainRead;
  private final boolean plainWrite;
  private final boolean failOnTrailingTokens;

  JsonTrees(ObjectMapper mapper) {
    this.mapper = mapper;
    DeserializationConfig in = mapper.getDeserializationConfig();
    this.nodes = in.getNodeFactory();
    this.failOnTrailingTokens = in.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.plainRead = !in.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        && !in.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        && !in.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
        && !in.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        && !in.isEnabled(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        && in.isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
    SerializationConfig out = mapper.getSerializationConfig();
    this.plainWrite = out.isEnabled(SerializationFeature.WRITE_EMPTY_JSON_ARRAYS)
        && out.isEnabled(JsonNodeFeature.WRITE_NULL_PROPERTIES)
        && !out.isEnabled(JsonNodeFeature.WRITE_PROPERTIES_SORTED);
  }

  /**
   * The JSON value that {@code text} holds from {@code from} on: what {@code mapper.readTree(text.substring(from))}
   * returns ({@link MissingNode} for nothing but white space), and the same exceptions for bad JSON.
   */
  JsonNode read(String text, int from) throws IOException {
    String json = from == 0 ? text : text.substring(from);
    if (!plainRead) {
      return mapper.readTree(json);
    }
    try (JsonParser p = mapper.createParser(json)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return MissingNode.getInstance();
      }
      JsonNode root = first.isStructStart() ? readContainer(p, first) : readScalar(p, first);
      if (failOnTrailingTokens && p.nextToken() != null) {
        throw new JsonParseException(p, "trailing token (" + p.currentToken() + ") after the JSON value");
      }
      return root;
    }
  }

  /**
   * Reads a whole array or object, depth first with a stack of its open containers rather than recursion: the
   * nesting is bounded by the parser's {@code maxNestingDepth}, which a mapper may raise beyond what a thread's stack
   * holds.
   */
  private JsonNode readContainer(JsonParser p, JsonToken start) throws IOException {
    List<JsonNode> open = new ArrayList<>(4);
    JsonNode root = start == JsonToken.START_ARRAY ? nodes.arrayNode() : nodes.objectNode();
    open.add(root);
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      JsonNode parent = open.get(open.size() - 1);
      String name = null;
      if (t == JsonToken.FIELD_NAME) {
        name = p.currentName();
        t = p.nextToken();
      } else if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
        open.remove(open.size() - 1);
        if (open.isEmpty()) {
          return root;
        }
        continue;
      }
      JsonNode value;
      if (t == JsonToken.START_ARRAY) {
        value = nodes.arrayNode();
      } else if (t == JsonToken.START_OBJECT) {
        value = nodes.objectNode();
      } else {
        value = readScalar(p, t);
      }
      if (name != null) {
        // a repeated key: the last one wins, as in JSON.parse and in readTree
        ((ObjectNode) parent).replace(name, value);
      } else {
        ((ArrayNode) parent).add(value);
      }
      if (value.isContainerNode()) {
        open.add(value);
      }
    }
    throw new JsonParseException(p, "unexpected end of the JSON value");
  }

  private JsonNode readScalar(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return nodes.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return nodes.numberNode(p.getIntValue());
          case LONG:
            return nodes.numberNode(p.getLongValue());
          default:
            return nodes.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return nodes.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return nodes.booleanNode(true);
      case VALUE_FALSE:
        return nodes.booleanNode(false);
      case VALUE_NULL:
        return nodes.nullNode();
      default:
        throw new JsonParseException(p, "unexpected token " + t);
    }
  }

  /** Appends {@code node} as JSON to {@code out}: what {@code mapper.writeValueAsString(node)} returns. */
  void write(JsonNode node, StringBuilder out) throws IOException {
    if (!plainWrite) {
      out.append(mapper.writeValueAsString(node));
      return;
    }
    try (JsonGenerator g = mapper.createGenerator(new Appender(out))) {
      write(g, node);
    }
  }

  private void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case ARRAY:
        g.writeStartArray(node, node.size());
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
        break;
      case OBJECT:
        g.writeStartObject(node, node.size());
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
        break;
      case STRING:
        g.writeString(node.textValue());
        break;
      case NUMBER:
        writeNumber(g, node);
        break;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        break;
      case NULL:
        g.writeNull();
        break;
      default:
        // binary, POJO and missing nodes: their serializers need the mapper's configuration
        mapper.writeTree(g, node);
    }
  }

  private static void writeNumber(JsonGenerator g, JsonNode node) throws IOException {
    JsonParser.NumberType type = node.numberType();
    if ((type == JsonParser.NumberType.FLOAT || type == JsonParser.NumberType.DOUBLE)
        && !Double.isFinite(node.doubleValue())) {
      // JSON has no such number; JSON.stringify writes null for it (ECMA-262, SerializeJSONProperty), where Jackson
      // would write the string "Infinity" or "NaN". A number too large for a double (1e400) reads as Infinity, as in
      // JSON.parse, and so goes back out as null.
      g.writeNull();
      return;
    }
    switch (type) {
      case INT:
        g.writeNumber(node.intValue());
        break;
      case LONG:
        g.writeNumber(node.longValue());
        break;
      case BIG_INTEGER:
        g.writeNumber(node.bigIntegerValue());
        break;
      case FLOAT:
        g.writeNumber(node.floatValue());
        break;
      case DOUBLE:
        g.writeNumber(node.doubleValue());
        break;
      default:
        g.writeNumber(node.decimalValue());
    }
  }

  /** A writer into a {@code StringBuilder}: {@code StringWriter} would lock a {@code StringBuffer} per write. */
  private static final class Appender extends Writer {
    private final StringBuilder out;

    Appender(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      out.append(chars, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      out.append(str, off, off + len);
    }

    @Override
    public void write(int c) {
      out.append((char) c);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
