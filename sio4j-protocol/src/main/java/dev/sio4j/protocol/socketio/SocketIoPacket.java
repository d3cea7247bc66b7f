package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Objects;

/**
 * One Socket.IO v5 packet: a type, a namespace, an optional ack id and optional JSON data.
 *
 * <p>Binary values anywhere in {@link #data()} are {@link com.fasterxml.jackson.databind.node.BinaryNode}s: the
 * {@link SocketIoEncoder} turns them into placeholders and attachments, the {@link SocketIoDecoder} puts the received
 * attachments back in their place. A decoded packet therefore never has type {@link SocketIoPacketType#BINARY_EVENT}
 * or {@link SocketIoPacketType#BINARY_ACK}: like the reference parser it reports EVENT or ACK, and the encoder picks
 * the binary type itself when the data holds binary.
 *
 * <p>Immutable as long as nobody mutates the {@code data} tree handed over (the codec never does); safe to share
 * between threads once built.
 */
public final class SocketIoPacket {
  /** The value of {@link #ackId()} when the packet carries no ack id. */
  public static final long NO_ACK = -1;
  /** The main namespace. */
  public static final String MAIN_NAMESPACE = "/";

  private final SocketIoPacketType type;
  private final String namespace;
  private final long ackId;
  private final JsonNode data;

  /**
   * A packet.
   *
   * @param type the type
   * @param namespace the namespace, starting with {@code /}
   * @param ackId the ack id (0 or more), or {@link #NO_ACK}
   * @param data the JSON data, or {@code null} for none
   */
  public SocketIoPacket(SocketIoPacketType type, String namespace, long ackId, JsonNode data) {
    this.type = Objects.requireNonNull(type, "type");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    if (ackId < NO_ACK) {
      throw new IllegalArgumentException("ackId must be >= 0 or NO_ACK: " + ackId);
    }
    this.ackId = ackId;
    this.data = data;
  }

  /** A CONNECT packet ({@code data} is the auth object sent by a client or {@code {"sid":..}} sent by a server). */
  public static SocketIoPacket connect(String namespace, JsonNode data) {
    return new SocketIoPacket(SocketIoPacketType.CONNECT, namespace, NO_ACK, data);
  }

  /** A DISCONNECT packet. */
  public static SocketIoPacket disconnect(String namespace) {
    return new SocketIoPacket(SocketIoPacketType.DISCONNECT, namespace, NO_ACK, null);
  }

  /** An EVENT packet; {@code data} is the array {@code [name, args...]}. */
  public static SocketIoPacket event(String namespace, JsonNode data, long ackId) {
    return new SocketIoPacket(SocketIoPacketType.EVENT, namespace, ackId, Objects.requireNonNull(data, "data"));
  }

  /** An ACK packet; {@code data} is the array of arguments. */
  public static SocketIoPacket ack(String namespace, long ackId, JsonNode data) {
    if (ackId < 0) {
      throw new IllegalArgumentException("an ACK needs an ack id");
    }
    return new SocketIoPacket(SocketIoPacketType.ACK, namespace, ackId, Objects.requireNonNull(data, "data"));
  }

  /** A CONNECT_ERROR packet; {@code data} is {@code {"message":..}} optionally with {@code "data"}. */
  public static SocketIoPacket connectError(String namespace, JsonNode data) {
    return new SocketIoPacket(SocketIoPacketType.CONNECT_ERROR, namespace, NO_ACK, data);
  }

  /** The type. */
  public SocketIoPacketType type() {
    return type;
  }

  /** The namespace, {@code /} for the main one. */
  public String namespace() {
    return namespace;
  }

  /** The ack id, or {@link #NO_ACK}. */
  public long ackId() {
    return ackId;
  }

  /** Whether the packet carries an ack id. */
  public boolean hasAckId() {
    return ackId != NO_ACK;
  }

  /** The JSON data (binary values as {@code BinaryNode}s), or {@code null}. */
  public JsonNode data() {
    return data;
  }

  /** For an EVENT: the event name (a string, or a number as text as the protocol allows), else {@code null}. */
  public String eventName() {
    if ((type != SocketIoPacketType.EVENT && type != SocketIoPacketType.BINARY_EVENT) || data == null
        || !data.isArray() || data.isEmpty()) {
      return null;
    }
    return data.get(0).asText();
  }

  /** Whether {@link #data()} holds a binary value anywhere. */
  public boolean hasBinary() {
    return hasBinary(data);
  }

  static boolean hasBinary(JsonNode node) {
    if (node == null) {
      return false;
    }
    if (node.isBinary()) {
      return true;
    }
    if (node.isContainerNode()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        if (hasBinary(it.next())) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SocketIoPacket p && p.type == type && p.namespace.equals(namespace) && p.ackId == ackId
        && Objects.equals(p.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, namespace, ackId, data);
  }

  @Override
  public String toString() {
    return "SocketIoPacket{" + type + ", " + namespace + (ackId != NO_ACK ? ", ack " + ackId : "")
        + (data != null ? ", " + data : "") + "}";
  }
}
