package dev.sio4j.redis.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * JSON trees to and from MessagePack, as the Node adapter's default parser ({@code notepack.io}) writes them: binary
 * values ({@code BinaryNode}, Node's {@code Buffer}) as msgpack bin, integers in their smallest form, other numbers as
 * float64, maps with string keys. Extension values (notepack's {@code undefined} and {@code Date}) read as
 * {@code null}. Stateless, thread-safe.
 */
public final class MsgpackTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Deeper trees are refused: a peer's message must not overflow the subscriber's stack. */
  private static final int MAX_DEPTH = 256;

  private MsgpackTree() {}

  /** {@code node} as MessagePack. */
  public static byte[] encode(JsonNode node) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      write(packer, node);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory buffer does not fail
    }
  }

  private static void write(MessageBufferPacker p, JsonNode node) throws IOException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      p.packNil();
    } else if (node.isBinary()) {
      byte[] bytes = node.binaryValue();
      p.packBinaryHeader(bytes.length);
      p.writePayload(bytes);
    } else if (node.isTextual()) {
      p.packString(node.textValue());
    } else if (node.isBoolean()) {
      p.packBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        p.packLong(node.longValue());
      } else {
        p.packBigInteger(node.bigIntegerValue());
      }
    } else if (node.isNumber()) {
      double d = node.doubleValue();
      if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p53) {
        p.packLong((long) d); // notepack writes an integral double as an integer
      } else {
        p.packDouble(d);
      }
    } else if (node.isArray()) {
      p.packArrayHeader(node.size());
      for (JsonNode element : node) {
        write(p, element);
      }
    } else if (node.isObject()) {
      p.packMapHeader(node.size());
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        p.packString(field.getKey());
        write(p, field.getValue());
      }
    } else if (node.isPojo()) {
      throw new IllegalArgumentException("a POJO node cannot be sent to other servers: " + node);
    } else {
      p.packNil();
    }
  }

  /**
   * {@code bytes} (one MessagePack value) as a tree.
   *
   * @throws IllegalArgumentException when malformed, truncated, or nested deeper than 256 levels
   */
  public static JsonNode decode(byte[] bytes) {
    try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
      return read(u, 0);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("malformed msgpack message: " + e.getMessage(), e);
    }
  }

  private static JsonNode read(MessageUnpacker u, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
    }
    MessageFormat format = u.getNextFormat();
    ValueType type = format.getValueType();
    switch (type) {
      case NIL:
        u.unpackNil();
        return NODES.nullNode();
      case BOOLEAN:
        return NODES.booleanNode(u.unpackBoolean());
      case INTEGER:
        if (format == MessageFormat.UINT64) {
          BigInteger big = u.unpackBigInteger();
          return big.bitLength() < 64 ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
        }
        long value = u.unpackLong();
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
      case FLOAT:
        return NODES.numberNode(u.unpackDouble());
      case STRING:
        return NODES.textNode(u.unpackString());
      case BINARY:
        return NODES.binaryNode(u.readPayload(u.unpackBinaryHeader()));
      case ARRAY: {
        int size = u.unpackArrayHeader();
        ArrayNode array = NODES.arrayNode(Math.min(size, 1024));
        for (int i = 0; i < size; i++) {
          array.add(read(u, depth + 1));
        }
        return array;
      }
      case MAP: {
        int size = u.unpackMapHeader();
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < size; i++) {
          JsonNode key = read(u, depth + 1);
          object.set(key.isTextual() ? key.textValue() : key.toString(), read(u, depth + 1));
        }
        return object;
      }
      case EXTENSION:
      default:
        u.skipValue();
        return NODES.nullNode();
    }
  }
}
