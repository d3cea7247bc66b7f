package dev.sio4j.protocol.engineio;

/** The seven Engine.IO v4 packet types, with the digit that encodes each on the wire. */
public enum EngineIoPacketType {
  /** Sent by the server once, with the handshake JSON. */
  OPEN('0'),
  /** Asks the other side to close the session. */
  CLOSE('1'),
  /** Heartbeat, sent by the server; also {@code 2probe} during an upgrade. */
  PING('2'),
  /** Heartbeat answer, sent by the client; also {@code 3probe} during an upgrade. */
  PONG('3'),
  /** Carries a message of the layer above, text or binary. */
  MESSAGE('4'),
  /** Completes the upgrade from long-polling to WebSocket. */
  UPGRADE('5'),
  /** Answers a pending long-polling GET during an upgrade. */
  NOOP('6');

  private static final EngineIoPacketType[] BY_DIGIT = values();

  private final char code;

  EngineIoPacketType(char code) {
    this.code = code;
  }

  /** The digit that encodes this type. */
  public char code() {
    return code;
  }

  /** The type encoded by {@code c}, or {@code null} if {@code c} is not a packet type digit. */
  public static EngineIoPacketType fromCode(char c) {
    int index = c - '0';
    return index >= 0 && index < BY_DIGIT.length ? BY_DIGIT[index] : null;
  }
}
