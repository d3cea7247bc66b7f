package dev.sio4j.protocol.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes MessagePack into a growing byte array, making the choices {@code notepack.io} (2.x) makes for JavaScript
 * values, so that a tree written here has the bytes a Node peer writes for the same value:
 *
 * <ul>
 *   <li>integers in their smallest form: positive fixint, uint 8/16/32/64, negative fixint, int 8/16/32/64 (the spec's
 *       "int format family"); a {@code BigInteger} beyond 64 bits becomes a float 64, as JavaScript would hold it;
 *   <li>every other number as float 64 (never float 32), except that a finite integral double (3.0, 1e10, and -0.0,
 *       which notepack writes as 0) is written as an integer, because JavaScript cannot tell it from one. From
 *       2<sup>64</sup> up and below -2<sup>63</sup> it stays a float 64: notepack wraps such a number into another
 *       integer;
 *   <li>strings as fixstr, str 8, str 16 or str 32 by UTF-8 length;
 *   <li>binary ({@code BinaryNode}, Node's {@code Buffer}) as bin 8/16/32; maps with string keys in the tree's order.
 * </ul>
 *
 * <p>A {@link POJONode} is converted with the mapper given at construction. Not thread-safe: one writer per message
 * (they are cheap); an array {@link #toByteArray()} returned is never written again.
 */
public final class MsgpackWriter {
  private static final BigInteger BIG_TWO_64 = BigInteger.ONE.shiftLeft(64);
  private static final double TWO_63 = 0x1p63;
  private static final double TWO_64 = 0x1p64;

  private final ObjectMapper mapper;
  private byte[] buf;
  private int size;

  /** A writer converting {@link POJONode}s with {@code mapper} ({@code null}: such nodes are refused). */
  public MsgpackWriter(ObjectMapper mapper, int initialCapacity) {
    this.mapper = mapper;
    this.buf = new byte[Math.max(16, initialCapacity)];
  }

  /** {@code node} as MessagePack (POJO nodes refused). */
  public static byte[] encode(JsonNode node) {
    MsgpackWriter writer = new MsgpackWriter(null, 64);
    writer.writeTree(node);
    return writer.toByteArray();
  }

  /**
   * About the number of bytes {@code node} takes (exact for ASCII text), to size a writer's buffer once: a large
   * binary value is then copied once into the buffer instead of once per doubling.
   */
  public static int estimateSize(JsonNode node) {
    if (node == null) {
      return 1;
    }
    switch (node.getNodeType()) {
      case STRING:
        return 5 + node.textValue().length();
      case BINARY:
        return 5 + ((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue().length;
      case ARRAY: {
        long total = 5;
        for (int i = 0, n = node.size(); i < n; i++) {
          total += estimateSize(node.get(i));
        }
        return (int) Math.min(total, Integer.MAX_VALUE - 64);
      }
      case OBJECT: {
        long total = 5;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          total += 5 + field.getKey().length() + estimateSize(field.getValue());
        }
        return (int) Math.min(total, Integer.MAX_VALUE - 64);
      }
      default:
        return 9;
    }
  }

  /** The bytes written so far (the buffer itself when they fill it exactly, else a copy). */
  public byte[] toByteArray() {
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  /** The number of bytes written so far. */
  public int size() {
    return size;
  }

  /** Writes {@code node} and everything under it; {@code null} and missing nodes as nil. */
  public MsgpackWriter writeTree(JsonNode node) {
    if (node == null) {
      writeNil();
      return this;
    }
    switch (node.getNodeType()) {
      case STRING -> writeString(node.textValue());
      case NUMBER -> writeNumber(node);
      case BOOLEAN -> writeBoolean(node.booleanValue());
      case ARRAY -> {
        writeArrayHeader(node.size());
        for (int i = 0, n = node.size(); i < n; i++) {
          writeTree(node.get(i));
        }
      }
      case OBJECT -> {
        writeMapHeader(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          writeString(field.getKey());
          writeTree(field.getValue());
        }
      }
      case BINARY -> writeBinary(((com.fasterxml.jackson.databind.node.BinaryNode) node).binaryValue());
      case POJO -> writePojo((POJONode) node);
      default -> writeNil(); // NULL, MISSING
    }
    return this;
  }

  private void writePojo(POJONode node) {
    Object value = node.getPojo();
    if (value instanceof byte[] bytes) {
      writeBinary(bytes);
    } else if (mapper == null) {
      throw new IllegalArgumentException("no mapper to write a POJO node: " + node);
    } else {
      writeTree(mapper.valueToTree(value));
    }
  }

  private void writeNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        writeLong(node.longValue());
      } else {
        BigInteger big = node.bigIntegerValue();
        if (big.signum() > 0 && big.compareTo(BIG_TWO_64) < 0) {
          ensure(9);
          buf[size++] = (byte) 0xcf;
          putLong(big.longValue());
        } else {
          writeFloat64(big.doubleValue());
        }
      }
    } else if (node.isFloat()) {
      // the decimal a float prints as, as JSON carries it, not the float's binary value widened
      writeDouble(Double.parseDouble(Float.toString(node.floatValue())));
    } else {
      writeDouble(node.doubleValue());
    }
  }

  /** Writes nil. */
  public MsgpackWriter writeNil() {
    ensure(1);
    buf[size++] = (byte) 0xc0;
    return this;
  }

  /** Writes true or false. */
  public MsgpackWriter writeBoolean(boolean value) {
    ensure(1);
    buf[size++] = (byte) (value ? 0xc3 : 0xc2);
    return this;
  }

  /** Writes {@code value} in its smallest integer form (notepack's choice, also the spec's recommendation). */
  public MsgpackWriter writeLong(long value) {
    ensure(9);
    if (value >= 0) {
      if (value < 0x80) {
        buf[size++] = (byte) value;
      } else if (value < 0x100) {
        buf[size++] = (byte) 0xcc;
        buf[size++] = (byte) value;
      } else if (value < 0x10000) {
        buf[size++] = (byte) 0xcd;
        putShort((int) value);
      } else if (value < 0x100000000L) {
        buf[size++] = (byte) 0xce;
        putInt((int) value);
      } else {
        buf[size++] = (byte) 0xcf;
        putLong(value);
      }
    } else if (value >= -0x20) {
      buf[size++] = (byte) value;
    } else if (value >= -0x80) {
      buf[size++] = (byte) 0xd0;
      buf[size++] = (byte) value;
    } else if (value >= -0x8000) {
      buf[size++] = (byte) 0xd1;
      putShort((int) value);
    } else if (value >= -0x80000000L) {
      buf[size++] = (byte) 0xd2;
      putInt((int) value);
    } else {
      buf[size++] = (byte) 0xd3;
      putLong(value);
    }
    return this;
  }

  /** Writes {@code value} as notepack writes a JavaScript number: an integer when integral, else a float 64. */
  public MsgpackWriter writeDouble(double value) {
    // -0.0 == 0 holds, so -0.0 is written as the integer 0, as notepack does (Math.floor(-0) === -0)
    if (value == Math.rint(value) && value >= -TWO_63 && value < TWO_64) {
      if (value < TWO_63) {
        return writeLong((long) value);
      }
      // [2^63, 2^64): a uint 64 whose top bit is set; value - 2^63 is exact (a multiple of the double's 2^11 ulp)
      ensure(9);
      buf[size++] = (byte) 0xcf;
      putLong((long) (value - TWO_63) | Long.MIN_VALUE);
      return this;
    }
    // fractions, NaN, the infinities, and integers beyond the 64-bit forms, for which notepack's split of the value
    // into two 32-bit halves wraps and writes another integer: the float 64 keeps the value
    return writeFloat64(value);
  }

  /** Writes {@code value} as a float 64, whatever its value. */
  public MsgpackWriter writeFloat64(double value) {
    ensure(9);
    buf[size++] = (byte) 0xcb;
    putLong(Double.doubleToLongBits(value));
    return this;
  }

  /** Writes {@code value} as UTF-8 in the smallest str format. */
  public MsgpackWriter writeString(String value) {
    int n = value.length();
    if (n < 0x100 && isAscii(value, n)) {
      // the common short ASCII string (keys, event names): its UTF-8 is its chars, no intermediate array
      ensure(2 + n);
      if (n < 0x20) {
        buf[size++] = (byte) (0xa0 | n);
      } else {
        buf[size++] = (byte) 0xd9;
        buf[size++] = (byte) n;
      }
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) value.charAt(i);
      }
      return this;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int length = utf8.length;
    ensure(5 + length);
    if (length < 0x20) {
      buf[size++] = (byte) (0xa0 | length);
    } else if (length < 0x100) {
      buf[size++] = (byte) 0xd9;
      buf[size++] = (byte) length;
    } else if (length < 0x10000) {
      buf[size++] = (byte) 0xda;
      putShort(length);
    } else {
      buf[size++] = (byte) 0xdb;
      putInt(length);
    }
    System.arraycopy(utf8, 0, buf, size, length);
    size += length;
    return this;
  }

  private static boolean isAscii(String value, int n) {
    for (int i = 0; i < n; i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Writes {@code value} in the smallest bin format. */
  public MsgpackWriter writeBinary(byte[] value) {
    int length = value.length;
    ensure(5 + length);
    if (length < 0x100) {
      buf[size++] = (byte) 0xc4;
      buf[size++] = (byte) length;
    } else if (length < 0x10000) {
      buf[size++] = (byte) 0xc5;
      putShort(length);
    } else {
      buf[size++] = (byte) 0xc6;
      putInt(length);
    }
    System.arraycopy(value, 0, buf, size, length);
    size += length;
    return this;
  }

  /** Writes the header of an array of {@code count} elements (which follow). */
  public MsgpackWriter writeArrayHeader(int count) {
    return header(count, 0x90, 0x10, 0xdc, 0xdd);
  }

  /** Writes the header of a map of {@code count} key-value pairs (which follow). */
  public MsgpackWriter writeMapHeader(int count) {
    return header(count, 0x80, 0x10, 0xde, 0xdf);
  }

  private MsgpackWriter header(int count, int fix, int fixLimit, int format16, int format32) {
    ensure(5);
    if (count < fixLimit) {
      buf[size++] = (byte) (fix | count);
    } else if (count < 0x10000) {
      buf[size++] = (byte) format16;
      putShort(count);
    } else {
      buf[size++] = (byte) format32;
      putInt(count);
    }
    return this;
  }

  private void putShort(int v) {
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  private void putInt(int v) {
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  private void putLong(long v) {
    putInt((int) (v >>> 32));
    putInt((int) v);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      // some room past the value being written: a large one is often followed by a few small ones (the packet's nsp)
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more + 64));
    }
  }
}
