package dev.sio4j.protocol.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Reads one MessagePack value into a Jackson tree, accepting every format of the spec and reading them as
 * {@code notepack.io} (2.x), the decoder of {@code socket.io-msgpack-parser}, does, so that a value means the same to a
 * sio4j peer as to a Node one:
 *
 * <ul>
 *   <li>integers as {@code IntNode} or {@code LongNode} (a uint 64 above {@code Long.MAX_VALUE} as a
 *       {@code BigIntegerNode}); float 32 and float 64 as {@code DoubleNode};
 *   <li>str as text (malformed UTF-8 replaced by U+FFFD, as Node's decoder does); bin as {@code BinaryNode};
 *   <li>ext type 0 in the ext 8/16/32 formats, which notepack writes for a Node {@code ArrayBuffer} or typed array,
 *       as {@code BinaryNode}; fixext 1 type 0, notepack's {@code undefined}, as JSON would carry it: the key is left
 *       out of a map, an array gets {@code null}, and a whole message reads as a {@code MissingNode}; fixext 8 type 0,
 *       notepack's {@code Date}, as the ISO-8601 text {@code JSON.stringify} would give ({@code
 *       2024-01-02T03:04:05.678Z}); any other extension as notepack's {@code [type, bin]};
 *   <li>map keys that are not strings as their text, as a JavaScript object would key them.
 * </ul>
 *
 * <p>Malformed input throws {@link MsgpackFormatException}: the reserved format 0xc1, a length running past the end,
 * bytes after the value, nesting deeper than {@code maxDepth}. No length is trusted before the bytes it announces are
 * there, so a short message cannot make the reader allocate much: an array or map of n entries needs n bytes at least.
 * Immutable and thread-safe.
 */
public final class MsgpackReader {
  /**
   * The default nesting limit, 128 levels: far deeper than any event's data, and within a small thread stack (the
   * reader recurses, about 0.5 KB of stack a level; 1000 levels overflow a 512 KB stack). The JSON parser reads
   * without recursing and allows Jackson's 1000.
   */
  public static final int DEFAULT_MAX_DEPTH = 128;

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(java.time.ZoneOffset.UTC);

  private final JsonNodeFactory nodes;
  private final int maxDepth;

  /** A reader with {@link #DEFAULT_MAX_DEPTH} and Jackson's default node factory. */
  public MsgpackReader() {
    this(JsonNodeFactory.instance, DEFAULT_MAX_DEPTH);
  }

  /**
   * A reader.
   *
   * @param nodes makes the tree's nodes
   * @param maxDepth the deepest nesting of arrays and maps accepted (at least 1): a peer's message must not overflow
   *     the reading thread's stack
   */
  public MsgpackReader(JsonNodeFactory nodes, int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
    }
    this.nodes = java.util.Objects.requireNonNull(nodes, "nodes");
    this.maxDepth = maxDepth;
  }

  /** {@code bytes} (one MessagePack value) as a tree with {@link #DEFAULT_MAX_DEPTH}. */
  public static JsonNode decode(byte[] bytes) {
    return new MsgpackReader().read(bytes);
  }

  /**
   * {@code bytes}, one MessagePack value, as a tree ({@code MissingNode} for notepack's {@code undefined}).
   *
   * @throws MsgpackFormatException when malformed, truncated, followed by more bytes, or nested too deep
   */
  public JsonNode read(byte[] bytes) {
    Cursor cursor = new Cursor(bytes);
    JsonNode value;
    try {
      value = cursor.value(0);
    } catch (StackOverflowError e) {
      // a maxDepth above what this thread's stack holds: the reader keeps no state outside the cursor, so the
      // message is refused like any other malformed one instead of failing the thread that read it
      throw new MsgpackFormatException("nested deeper than this thread's stack allows (maxDepth " + maxDepth + ")");
    }
    if (cursor.pos != bytes.length) {
      throw new MsgpackFormatException((bytes.length - cursor.pos) + " trailing bytes after the value at offset "
          + cursor.pos);
    }
    return value;
  }

  private final class Cursor {
    private final byte[] b;
    private int pos;

    Cursor(byte[] bytes) {
      this.b = bytes;
    }

    JsonNode value(int depth) {
      int at = pos;
      int prefix = u8();
      if (prefix <= 0x7f) {
        return nodes.numberNode(prefix);
      }
      if (prefix >= 0xe0) {
        return nodes.numberNode((byte) prefix);
      }
      if (prefix <= 0x8f) {
        return map(prefix & 0x0f, depth, at);
      }
      if (prefix <= 0x9f) {
        return array(prefix & 0x0f, depth, at);
      }
      if (prefix <= 0xbf) {
        return str(prefix & 0x1f, at);
      }
      return switch (prefix) {
        case 0xc0 -> nodes.nullNode();
        case 0xc2 -> nodes.booleanNode(false);
        case 0xc3 -> nodes.booleanNode(true);
        case 0xc4 -> bin(u8(), at);
        case 0xc5 -> bin(u16(), at);
        case 0xc6 -> bin(u32(), at);
        case 0xc7 -> ext(u8(), at, true);
        case 0xc8 -> ext(u16(), at, true);
        case 0xc9 -> ext(u32(), at, true);
        case 0xca -> nodes.numberNode((double) Float.intBitsToFloat(i32()));
        case 0xcb -> nodes.numberNode(Double.longBitsToDouble(i64()));
        case 0xcc -> nodes.numberNode(u8());
        case 0xcd -> nodes.numberNode(u16());
        case 0xce -> integer(u32() & 0xffffffffL);
        case 0xcf -> uint64();
        case 0xd0 -> nodes.numberNode((int) (byte) u8());
        case 0xd1 -> nodes.numberNode((int) (short) u16());
        case 0xd2 -> nodes.numberNode(i32());
        case 0xd3 -> integer(i64());
        case 0xd4 -> ext(1, at, false);
        case 0xd5 -> ext(2, at, false);
        case 0xd6 -> ext(4, at, false);
        case 0xd7 -> ext(8, at, false);
        case 0xd8 -> ext(16, at, false);
        case 0xd9 -> str(u8(), at);
        case 0xda -> str(u16(), at);
        case 0xdb -> str(u32(), at);
        case 0xdc -> array(u16(), depth, at);
        case 0xdd -> array(u32(), depth, at);
        case 0xde -> map(u16(), depth, at);
        case 0xdf -> map(u32(), depth, at);
        default -> throw new MsgpackFormatException("reserved format 0xc1 at offset " + at);
      };
    }

    private JsonNode integer(long value) {
      return value == (int) value ? nodes.numberNode((int) value) : nodes.numberNode(value);
    }

    private JsonNode uint64() {
      long value = i64();
      if (value >= 0) {
        return integer(value);
      }
      return nodes.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }

    private ArrayNode array(long count, int depth, int at) {
      nest(depth, at);
      // each element takes one byte at least: a count beyond the bytes left is a lie, refused before allocating
      need(count, at, "array");
      int n = (int) count;
      ArrayNode array = nodes.arrayNode(n);
      for (int i = 0; i < n; i++) {
        JsonNode element = value(depth + 1);
        array.add(element.isMissingNode() ? nodes.nullNode() : element);
      }
      return array;
    }

    private ObjectNode map(long count, int depth, int at) {
      nest(depth, at);
      need(count * 2, at, "map");
      int n = (int) count;
      ObjectNode object = nodes.objectNode();
      for (int i = 0; i < n; i++) {
        JsonNode key = value(depth + 1);
        JsonNode value = value(depth + 1);
        if (!value.isMissingNode()) {
          object.set(keyText(key), value);
        }
      }
      return object;
    }

    /**
     * A map key as notepack's decoder ends up with it: JavaScript object keys are strings, so a key of any other type
     * becomes {@code String(key)}. An object is {@code "[object Object]"} and an array its elements joined by commas:
     * never the key's JSON, whose escaping would double at every level of keys nested in keys.
     */
    private String keyText(JsonNode key) {
      if (key.isTextual()) {
        return key.textValue();
      }
      if (key.isMissingNode()) {
        return "undefined";
      }
      StringBuilder text = new StringBuilder();
      appendString(key, text);
      return text.toString();
    }

    /** JavaScript's {@code String(value)} of a decoded value, appended. */
    private static void appendString(JsonNode value, StringBuilder text) {
      if (value.isObject()) {
        text.append("[object Object]");
      } else if (value.isArray()) {
        // Array.prototype.join: null and undefined elements are empty
        for (int i = 0; i < value.size(); i++) {
          if (i > 0) {
            text.append(',');
          }
          JsonNode element = value.get(i);
          if (!element.isNull() && !element.isMissingNode()) {
            appendString(element, text);
          }
        }
      } else if (value.isBinary()) {
        // a Buffer's toString(): its bytes as UTF-8
        text.append(new String(((BinaryNode) value).binaryValue(),
            StandardCharsets.UTF_8));
      } else if (value.isMissingNode()) {
        text.append("undefined");
      } else {
        text.append(value.asText());
      }
    }

    private JsonNode str(long length, int at) {
      need(length, at, "str");
      String text = new String(b, pos, (int) length, StandardCharsets.UTF_8);
      pos += (int) length;
      return nodes.textNode(text);
    }

    private JsonNode bin(long length, int at) {
      need(length, at, "bin");
      byte[] bytes = Arrays.copyOfRange(b, pos, pos + (int) length);
      pos += (int) length;
      return nodes.binaryNode(bytes);
    }

    private JsonNode ext(long length, int at, boolean variable) {
      need(length + 1, at, "ext");
      int type = b[pos++];
      if (type == 0) {
        if (variable) {
          return bin(length, at); // notepack's ArrayBuffer
        }
        if (length == 1) {
          pos++;
          return MissingNode.getInstance(); // notepack's undefined
        }
        if (length == 8) {
          long millis = i64(); // notepack's Date: the epoch milliseconds as one signed 64-bit integer
          return nodes.textNode(iso(millis));
        }
      }
      ArrayNode pair = nodes.arrayNode(2);
      pair.add(type);
      pair.add(bin(length, at));
      return pair;
    }

    private String iso(long millis) {
      try {
        return ISO.format(Instant.ofEpochMilli(millis));
      } catch (RuntimeException e) {
        // JavaScript dates end at ±8.64e15 ms; anything beyond is not a date notepack wrote
        throw new MsgpackFormatException("a date out of range at offset " + pos);
      }
    }

    private void nest(int depth, int at) {
      if (depth >= maxDepth) {
        throw new MsgpackFormatException("nested deeper than " + maxDepth + " levels at offset " + at);
      }
    }

    private void need(long length, int at, String what) {
      if (length > b.length - pos) {
        throw new MsgpackFormatException("truncated " + what + " at offset " + at + ": needs " + length
            + " more bytes, " + (b.length - pos) + " left");
      }
    }

    private int u8() {
      need(1, pos, "value");
      return b[pos++] & 0xff;
    }

    private int u16() {
      need(2, pos, "value");
      int v = (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff);
      pos += 2;
      return v;
    }

    private long u32() {
      return i32() & 0xffffffffL;
    }

    private int i32() {
      need(4, pos, "value");
      int v = (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | (b[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    private long i64() {
      need(8, pos, "value");
      long hi = i32();
      return hi << 32 | (i32() & 0xffffffffL);
    }
  }
}
