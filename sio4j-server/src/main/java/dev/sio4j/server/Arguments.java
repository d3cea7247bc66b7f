package dev.sio4j.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of an event or an acknowledgement, as received: raw JSON values (binary ones as
 * {@code BinaryNode}s), bound to Java types through the server's Jackson mapper only when asked.
 *
 * <p>Immutable and thread-safe. {@link #toArray()} spreads into an {@code emit}: {@code io.emit("x", args.toArray())}
 * sends the same values again (binary stays binary).
 */
public final class Arguments {
  private final List<JsonNode> values;
  private final ObjectMapper mapper;

  /** Arguments over {@code values}, bound with {@code mapper}. */
  public Arguments(List<JsonNode> values, ObjectMapper mapper) {
    this.values = List.copyOf(values);
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** How many arguments there are. */
  public int size() {
    return values.size();
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Argument {@code index} as raw JSON ({@code BinaryNode} for binary), or {@code null} past the end. */
  public JsonNode get(int index) {
    return index < values.size() ? values.get(index) : null;
  }

  /**
   * Argument {@code index} bound to {@code type} by Jackson ({@code byte[]} and {@link ByteBuffer} take binary
   * arguments); {@code null} past the end.
   *
   * @throws IllegalArgumentException when the value does not fit {@code type}
   */
  public <T> T get(int index, Class<T> type) {
    JsonNode node = get(index);
    if (node == null) {
      return null;
    }
    if (type == ByteBuffer.class) {
      return type.cast(ByteBuffer.wrap(binary(node)));
    }
    if (type == byte[].class && node.isBinary()) {
      return type.cast(binary(node));
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "argument " + index + " is not a " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  /** Argument {@code index} bound to a generic {@code type}; {@code null} past the end. */
  public <T> T get(int index, TypeReference<T> type) {
    JsonNode node = get(index);
    if (node == null) {
      return null;
    }
    try {
      return mapper.readerFor(type).readValue(mapper.treeAsTokens(node));
    } catch (IOException e) {
      throw new IllegalArgumentException("argument " + index + " does not fit " + type.getType(), e);
    }
  }

  /** Binary argument {@code index}, or {@code null} past the end or when it is not binary. */
  public byte[] bytes(int index) {
    JsonNode node = get(index);
    return node != null && node.isBinary() ? binary(node) : null;
  }

  /** The raw values. */
  public List<JsonNode> values() {
    return values;
  }

  /** The raw values as an array, to pass on to an {@code emit}. */
  public Object[] toArray() {
    return values.toArray();
  }

  private static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
