package dev.sio4j.protocol.engineio;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Engine.IO v4 packet: a type and an optional payload that is either text or binary.
 *
 * <p>Immutable and safe to share between threads and sessions: a broadcast builds one packet and every recipient's
 * transport writes it. The UTF-8 form of a text packet ({@link #utf8Frame()}) is computed once and cached, so the bytes
 * of a broadcast are encoded once whatever the number of recipients. Binary payloads are not copied: the caller must
 * not modify the array after handing it over.
 */
public final class EngineIoPacket {
  private static final EngineIoPacket PING = new EngineIoPacket(EngineIoPacketType.PING, null, null);
  private static final EngineIoPacket PONG = new EngineIoPacket(EngineIoPacketType.PONG, null, null);
  private static final EngineIoPacket NOOP = new EngineIoPacket(EngineIoPacketType.NOOP, null, null);
  private static final EngineIoPacket CLOSE = new EngineIoPacket(EngineIoPacketType.CLOSE, null, null);
  private static final EngineIoPacket UPGRADE = new EngineIoPacket(EngineIoPacketType.UPGRADE, null, null);

  private final EngineIoPacketType type;
  private final String text;
  private final byte[] binary;
  private volatile byte[] utf8Frame;
  /** The Engine.IO v3 binary frame of a binary packet (type byte, then the bytes), built once by EngineIoV3Codec. */
  volatile byte[] v3BinaryFrame;

  private EngineIoPacket(EngineIoPacketType type, String text, byte[] binary) {
    this.type = type;
    this.text = text;
    this.binary = binary;
  }

  /** A packet of {@code type} carrying {@code text} (may be {@code null} for no payload). */
  public static EngineIoPacket of(EngineIoPacketType type, String text) {
    Objects.requireNonNull(type, "type");
    if (text == null) {
      switch (type) {
        case PING: return PING;
        case PONG: return PONG;
        case NOOP: return NOOP;
        case CLOSE: return CLOSE;
        case UPGRADE: return UPGRADE;
        default: break;
      }
    }
    return new EngineIoPacket(type, text, null);
  }

  /** A packet of {@code type} carrying binary {@code data}; the array is not copied. */
  public static EngineIoPacket of(EngineIoPacketType type, byte[] data) {
    return new EngineIoPacket(Objects.requireNonNull(type, "type"), null, Objects.requireNonNull(data, "data"));
  }

  /**
   * A text packet whose whole frame is {@code frame} rather than {@code <type digit><text>}: an Engine.IO v3 base64
   * binary packet ({@code b4...}) on its way to a transport. Its {@link #text()} is {@code null}.
   */
  static EngineIoPacket preEncoded(EngineIoPacketType type, byte[] frame) {
    EngineIoPacket packet = new EngineIoPacket(type, null, null);
    packet.utf8Frame = frame;
    return packet;
  }

  /** A text MESSAGE packet. */
  public static EngineIoPacket message(String text) {
    return new EngineIoPacket(EngineIoPacketType.MESSAGE, Objects.requireNonNull(text, "text"), null);
  }

  /** A binary MESSAGE packet; the array is not copied. */
  public static EngineIoPacket message(byte[] data) {
    return of(EngineIoPacketType.MESSAGE, data);
  }

  /** The packet's type. */
  public EngineIoPacketType type() {
    return type;
  }

  /** Whether the payload is binary. */
  public boolean isBinary() {
    return binary != null;
  }

  /** The text payload, or {@code null} when there is none or it is binary. */
  public String text() {
    return text;
  }

  /** The binary payload (not a copy), or {@code null} when the payload is text or absent. */
  public byte[] binary() {
    return binary;
  }

  /**
   * The packet as one text frame ({@code <type digit><text>}) in UTF-8: what a WebSocket text frame carries.
   * Computed once and cached. Only for packets whose payload is not binary.
   */
  public byte[] utf8Frame() {
    byte[] frame = utf8Frame;
    if (frame == null) {
      if (binary != null) {
        throw new IllegalStateException("binary packet has no text frame");
      }
      String payload = text == null ? "" : text;
      frame = (type.code() + payload).getBytes(StandardCharsets.UTF_8);
      utf8Frame = frame;
    }
    return frame;
  }

  @Override
  public String toString() {
    return "EngineIoPacket{" + type + (binary != null ? ", " + binary.length + " bytes" : text != null ? ", " + text : "")
        + "}";
  }
}
