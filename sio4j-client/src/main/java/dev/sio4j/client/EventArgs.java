package dev.sio4j.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The arguments of one event or acknowledgement, kept as Jackson trees until a listener asks for a type (binary
 * attachments are {@code byte[]}). Immutable and thread-safe. An incoming event whose sender awaits an
 * acknowledgement {@linkplain #hasAck() has one}: {@link #ack(Object...)} sends it, once.
 */
public final class EventArgs {
  private final List<JsonNode> values;
  private final ObjectMapper mapper;
  private final Consumer<Object[]> ack;
  private final AtomicBoolean acked = new AtomicBoolean();

  EventArgs(List<JsonNode> values, ObjectMapper mapper, Consumer<Object[]> ack) {
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
    this.mapper = mapper;
    this.ack = ack;
  }

  static EventArgs empty(ObjectMapper mapper) {
    return new EventArgs(Collections.emptyList(), mapper, null);
  }

  public int size() {
    return values.size();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The raw tree of argument {@code index}. */
  public JsonNode get(int index) {
    return values.get(index);
  }

  /** All arguments as raw trees. */
  public List<JsonNode> values() {
    return values;
  }

  /** Argument {@code index} converted to {@code type} by the manager's {@link ObjectMapper}. */
  public <T> T get(int index, Class<T> type) {
    JsonNode n = values.get(index);
    if (type == byte[].class && n.isBinary()) {
      return type.cast(binary(n));
    }
    return mapper.convertValue(n, type);
  }

  /** Argument {@code index} converted to a generic type. */
  public <T> T get(int index, TypeReference<T> type) {
    return mapper.convertValue(values.get(index), type);
  }

  /** Argument {@code index} as text ({@code null} for a JSON null). */
  public String getString(int index) {
    JsonNode n = values.get(index);
    return n.isNull() ? null : n.isTextual() ? n.textValue() : n.toString();
  }

  /** Argument {@code index} as bytes: a binary attachment. */
  public byte[] getBytes(int index) {
    JsonNode n = values.get(index);
    if (!n.isBinary()) {
      throw new IllegalArgumentException("argument " + index + " is not binary: " + n.getNodeType());
    }
    return binary(n);
  }

  private static byte[] binary(JsonNode n) {
    try {
      return n.binaryValue();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the sender awaits an acknowledgement. */
  public boolean hasAck() {
    return ack != null;
  }

  /**
   * Sends the acknowledgement with {@code args} (converted by Jackson; {@code byte[]} as binary). Only the first call
   * sends; returns whether this one did.
   */
  public boolean ack(Object... args) {
    if (ack == null || !acked.compareAndSet(false, true)) {
      return false;
    }
    ack.accept(args);
    return true;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
