package dev.sio4j.protocol.engineio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO v3 packets and long-polling payloads, the revision that socket.io-client 2.x and the
 * Java {@code io.socket:socket.io-client} 1.x speak. Pure functions, no state: safe from any thread.
 *
 * <p>The wire forms (engine.io-protocol v3, "Encoding"):
 * <ul>
 *   <li>a text packet is its type digit followed by its text, as in v4: {@code 4hello};</li>
 *   <li>a binary packet, where binary is supported (a WebSocket binary frame), is the type as one byte followed by the
 *       bytes: {@code 04 01 02 03};</li>
 *   <li>where it is not (the client sent {@code b64=1}), it is {@code b}, the type digit and the standard base64 of
 *       the bytes: {@code b4AQIDBA==};</li>
 *   <li>a text long-polling payload is each packet preceded by its length and a colon: {@code 6:4hello2:4€}. The
 *       length counts characters as JavaScript's {@code String.length} does, in UTF-16 code units, which is Java's
 *       {@link String#length()} too;</li>
 *   <li>a binary long-polling payload (when the client supports binary and the payload holds some) is, per packet,
 *       a byte {@code 0} (text) or {@code 1} (binary), the decimal digits of its length as bytes of value 0 to 9, the
 *       byte {@code 255}, then the packet: UTF-8 text, or the type byte and the bytes.</li>
 * </ul>
 * Decoding is strict: a malformed length, a length that overruns the payload, an unknown type or invalid base64
 * raise {@link EngineIoDecodeException}, and the whole payload is refused.
 */
public final class EngineIoV3Codec {
  private static final char BASE64_PREFIX = 'b';
  private static final int TEXT_MARKER = 0;
  private static final int BINARY_MARKER = 1;
  private static final int LENGTH_END = 0xff;
  // a length of more digits than this is no length a payload bounded by maxPayload can hold
  private static final int MAX_LENGTH_DIGITS = 10;

  private EngineIoV3Codec() {}

  /**
   * Encodes {@code packet} as text: {@code <digit><text>}, or {@code b<digit><base64>} for a binary packet (its form
   * for a client that does not take binary).
   */
  public static String encodeText(EngineIoPacket packet) {
    if (packet.isBinary()) {
      return BASE64_PREFIX + String.valueOf(packet.type().code())
          + Base64.getEncoder().encodeToString(packet.binary());
    }
    String text = packet.text();
    return text == null ? String.valueOf(packet.type().code()) : packet.type().code() + text;
  }

  /**
   * A binary packet as a WebSocket binary frame: the type byte, then the bytes. Built once per packet and cached on
   * it, so a broadcast's binary attachment is framed once for every v3 recipient.
   */
  public static byte[] encodeBinaryFrame(EngineIoPacket packet) {
    byte[] frame = packet.v3BinaryFrame;
    if (frame == null) {
      byte[] data = packet.binary();
      if (data == null) {
        throw new IllegalArgumentException("not a binary packet: " + packet);
      }
      frame = new byte[data.length + 1];
      frame[0] = (byte) (packet.type().code() - '0');
      System.arraycopy(data, 0, frame, 1, data.length);
      packet.v3BinaryFrame = frame;
    }
    return frame;
  }

  /**
   * A binary packet as a WebSocket text frame for a client that does not take binary: a packet whose {@link
   * EngineIoPacket#utf8Frame()} is {@code b<digit><base64>}. Only for handing to a transport.
   */
  public static EngineIoPacket base64Frame(EngineIoPacket packet) {
    if (!packet.isBinary()) {
      throw new IllegalArgumentException("not a binary packet: " + packet);
    }
    return EngineIoPacket.preEncoded(packet.type(), encodeText(packet).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Decodes one text packet: a WebSocket text frame, or one record of a text payload.
   *
   * @throws EngineIoDecodeException when {@code text} is empty, has an unknown type, or is a base64 packet with an
   *     unknown type or invalid base64
   */
  public static EngineIoPacket decodeText(String text) {
    if (text.isEmpty()) {
      throw new EngineIoDecodeException("empty packet");
    }
    char first = text.charAt(0);
    if (first == BASE64_PREFIX) {
      EngineIoPacketType type = text.length() > 1 ? EngineIoPacketType.fromCode(text.charAt(1)) : null;
      if (type == null) {
        throw new EngineIoDecodeException("unknown packet type in base64 packet");
      }
      try {
        // the Java client (io.socket) wraps its base64 in lines: drop the line breaks, stay strict on the rest
        String base64 = text.substring(2);
        if (base64.indexOf('\n') >= 0 || base64.indexOf('\r') >= 0) {
          base64 = base64.replace("\n", "").replace("\r", "");
        }
        return EngineIoPacket.of(type, Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw new EngineIoDecodeException("invalid base64 in binary packet", e);
      }
    }
    EngineIoPacketType type = EngineIoPacketType.fromCode(first);
    if (type == null) {
      throw new EngineIoDecodeException("unknown packet type");
    }
    return EngineIoPacket.of(type, text.length() == 1 ? null : text.substring(1));
  }

  /**
   * Decodes a WebSocket binary frame: the first byte is the packet type.
   *
   * @throws EngineIoDecodeException when the frame is empty or its first byte is no packet type
   */
  public static EngineIoPacket decodeBinaryFrame(byte[] frame) {
    if (frame.length == 0) {
      throw new EngineIoDecodeException("empty packet");
    }
    EngineIoPacketType type = EngineIoPacketType.fromCode((char) ('0' + frame[0]));
    if (type == null || frame[0] < 0) {
      throw new EngineIoDecodeException("unknown packet type");
    }
    byte[] data = new byte[frame.length - 1];
    System.arraycopy(frame, 1, data, 0, data.length);
    return EngineIoPacket.of(type, data);
  }

  /** Whether any of {@code packets} is binary: then a client that takes binary gets a binary payload. */
  public static boolean hasBinary(List<EngineIoPacket> packets) {
    for (EngineIoPacket packet : packets) {
      if (packet.isBinary()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Encodes a text payload: {@code <length>:<packet>} for each packet, binary ones in base64.
   *
   * @throws IllegalArgumentException when {@code packets} is empty
   */
  public static String encodeTextPayload(List<EngineIoPacket> packets) {
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("a payload holds at least one packet");
    }
    StringBuilder out = new StringBuilder();
    for (EngineIoPacket packet : packets) {
      String text = encodeText(packet);
      out.append(text.length()).append(':').append(text);
    }
    return out.toString();
  }

  /**
   * Encodes a binary payload: for each packet its marker, its length digits, 255, then the packet (UTF-8 text, or the
   * type byte and the bytes).
   *
   * @throws IllegalArgumentException when {@code packets} is empty
   */
  public static byte[] encodeBinaryPayload(List<EngineIoPacket> packets) {
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("a payload holds at least one packet");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (EngineIoPacket packet : packets) {
      byte[] body = packet.isBinary() ? encodeBinaryFrame(packet) : packet.utf8Frame();
      out.write(packet.isBinary() ? BINARY_MARKER : TEXT_MARKER);
      String digits = Integer.toString(body.length);
      for (int i = 0; i < digits.length(); i++) {
        out.write(digits.charAt(i) - '0');
      }
      out.write(LENGTH_END);
      out.write(body, 0, body.length);
    }
    return out.toByteArray();
  }

  /**
   * The size in bytes of {@code packet} in a payload, its length header included: what a long-polling answer counts
   * against maxPayload.
   */
  public static int encodedPayloadLength(EngineIoPacket packet) {
    int body = packet.isBinary() ? 2 + 4 * ((packet.binary().length + 2) / 3) : packet.utf8Frame().length;
    return body + Integer.toString(body).length() + 1;
  }

  /**
   * Decodes a text payload into its packets, in order. Empty records ({@code 0:}) are skipped, as the reference does.
   *
   * @throws EngineIoDecodeException when the payload is empty, a length is not a number or overruns the payload, or
   *     a record is not a valid packet
   */
  public static List<EngineIoPacket> decodeTextPayload(String payload) {
    if (payload.isEmpty()) {
      throw new EngineIoDecodeException("empty payload");
    }
    List<EngineIoPacket> packets = new ArrayList<>();
    int i = 0;
    int length = payload.length();
    while (i < length) {
      int colon = payload.indexOf(':', i);
      if (colon < 0 || colon == i || colon - i > MAX_LENGTH_DIGITS) {
        throw new EngineIoDecodeException("invalid length in payload");
      }
      long n = 0;
      for (int j = i; j < colon; j++) {
        char c = payload.charAt(j);
        if (c < '0' || c > '9') {
          throw new EngineIoDecodeException("invalid length in payload");
        }
        n = n * 10 + (c - '0');
      }
      int start = colon + 1;
      if (n > length - start) {
        throw new EngineIoDecodeException("packet length overruns the payload");
      }
      int end = start + (int) n;
      if (end > start) {
        packets.add(decodeText(payload.substring(start, end)));
      }
      i = end;
    }
    return packets;
  }

  /**
   * Decodes a binary payload (an {@code application/octet-stream} POST body) into its packets, in order.
   *
   * @throws EngineIoDecodeException when a marker is neither 0 nor 1, a length is malformed or overruns the payload,
   *     a text record is not UTF-8, or a record is not a valid packet
   */
  public static List<EngineIoPacket> decodeBinaryPayload(byte[] payload) {
    if (payload.length == 0) {
      throw new EngineIoDecodeException("empty payload");
    }
    List<EngineIoPacket> packets = new ArrayList<>();
    int i = 0;
    while (i < payload.length) {
      int marker = payload[i] & 0xff;
      if (marker != TEXT_MARKER && marker != BINARY_MARKER) {
        throw new EngineIoDecodeException("invalid record marker in binary payload");
      }
      i++;
      long n = 0;
      int digits = 0;
      while (true) {
        if (i >= payload.length) {
          throw new EngineIoDecodeException("unterminated length in binary payload");
        }
        int b = payload[i++] & 0xff;
        if (b == LENGTH_END) {
          break;
        }
        if (b > 9 || ++digits > MAX_LENGTH_DIGITS) {
          throw new EngineIoDecodeException("invalid length in binary payload");
        }
        n = n * 10 + b;
      }
      if (digits == 0 || n > payload.length - i) {
        throw new EngineIoDecodeException("packet length overruns the binary payload");
      }
      int end = i + (int) n;
      if (marker == TEXT_MARKER) {
        packets.add(decodeText(utf8(payload, i, end - i)));
      } else {
        byte[] record = new byte[end - i];
        System.arraycopy(payload, i, record, 0, record.length);
        packets.add(decodeBinaryFrame(record));
      }
      i = end;
    }
    return packets;
  }

  private static String utf8(byte[] bytes, int offset, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
    } catch (CharacterCodingException e) {
      throw new EngineIoDecodeException("invalid UTF-8 in binary payload", e);
    }
  }
}
