package dev.sio4j.protocol.socketio;

/**
 * The seven Socket.IO v5 packet types, with the digit that encodes each on the wire (socket.io-protocol, "Packet
 * types").
 */
public enum SocketIoPacketType {
  /** Asks to join a namespace (client), or accepts it with {@code {"sid":...}} (server). */
  CONNECT('0'),
  /** Leaves a namespace. */
  DISCONNECT('1'),
  /** An event: a JSON array whose first element is the event name. */
  EVENT('2'),
  /** The answer to an event that carried an ack id: a JSON array of arguments. */
  ACK('3'),
  /** Refuses a CONNECT: {@code {"message":..., "data":...}}. */
  CONNECT_ERROR('4'),
  /** An EVENT followed by binary attachments. */
  BINARY_EVENT('5'),
  /** An ACK followed by binary attachments. */
  BINARY_ACK('6');

  private static final SocketIoPacketType[] BY_DIGIT = values();

  private final char code;

  SocketIoPacketType(char code) {
    this.code = code;
  }

  /** The digit that encodes this type. */
  public char code() {
    return code;
  }

  /** Whether packets of this type are followed by binary attachments. */
  public boolean isBinary() {
    return this == BINARY_EVENT || this == BINARY_ACK;
  }

  /** The type encoded by {@code c}, or {@code null} if {@code c} is not a packet type digit. */
  public static SocketIoPacketType fromCode(char c) {
    int index = c - '0';
    return index >= 0 && index < BY_DIGIT.length ? BY_DIGIT[index] : null;
  }
}
