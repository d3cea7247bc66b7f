package dev.sio4j.protocol.engineio;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO v4 packets and long-polling payloads. Pure functions, no state: safe from any thread.
 *
 * <p>The wire forms (engine.io-protocol, "Packet encoding" and "Payload"):
 * <ul>
 *   <li>a text packet is its type digit followed by its text: {@code 4hello}, {@code 2probe}, {@code 6};</li>
 *   <li>on WebSocket a binary MESSAGE is a binary frame holding the raw bytes, with no type prefix;</li>
 *   <li>on long-polling a binary MESSAGE is {@code b} followed by the standard base64 of the bytes;</li>
 *   <li>a long-polling payload is its packets joined by the record separator {@code \x1e}.</li>
 * </ul>
 * Decoding is strict: an empty packet, an unknown type digit or invalid base64 raise {@link EngineIoDecodeException}.
 */
public final class EngineIoCodec {
  /** The record separator that joins the packets of a long-polling payload (spec "Payload"). */
  public static final char SEPARATOR = '\u001e';

  private static final char BINARY_PREFIX = 'b';

  private EngineIoCodec() {}

  /**
   * Encodes {@code packet} as text: {@code <digit><text>}, or {@code b<base64>} for a binary MESSAGE (the long-polling
   * form). Binary packets of another type than MESSAGE have no text form in v4.
   */
  public static String encodeText(EngineIoPacket packet) {
    if (packet.isBinary()) {
      if (packet.type() != EngineIoPacketType.MESSAGE) {
        throw new IllegalArgumentException("only MESSAGE packets may carry binary data: " + packet);
      }
      return BINARY_PREFIX + Base64.getEncoder().encodeToString(packet.binary());
    }
    String text = packet.text();
    return text == null ? String.valueOf(packet.type().code()) : packet.type().code() + text;
  }

  /** The number of UTF-8 bytes of {@link #encodeText(EngineIoPacket)}, without building the string for binaries. */
  public static int encodedTextLength(EngineIoPacket packet) {
    if (packet.isBinary()) {
      int n = packet.binary().length;
      return 1 + 4 * ((n + 2) / 3);
    }
    return packet.utf8Frame().length;
  }

  /**
   * Decodes one text packet, from a WebSocket text frame or one record of a long-polling payload.
   *
   * @throws EngineIoDecodeException when {@code text} is empty, starts with an unknown type, or is {@code b} followed
   *     by invalid base64
   */
  public static EngineIoPacket decodeText(String text) {
    if (text.isEmpty()) {
      throw new EngineIoDecodeException("empty packet");
    }
    char first = text.charAt(0);
    if (first == BINARY_PREFIX) {
      try {
        // The official Java client (io.socket) wraps its base64 in lines ending with '\n', as Node's decoder
        // tolerates: drop the line breaks, stay strict on everything else.
        String base64 = text.substring(1);
        if (base64.indexOf('\n') >= 0 || base64.indexOf('\r') >= 0) {
          base64 = base64.replace("\n", "").replace("\r", "");
        }
        return EngineIoPacket.message(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw new EngineIoDecodeException("invalid base64 in binary packet", e);
      }
    }
    EngineIoPacketType type = EngineIoPacketType.fromCode(first);
    if (type == null) {
      throw new EngineIoDecodeException("unknown packet type '" + printable(first) + "'");
    }
    return EngineIoPacket.of(type, text.length() == 1 ? null : text.substring(1));
  }

  /** Decodes a WebSocket binary frame: always a binary MESSAGE (spec: binary frames carry no type). */
  public static EngineIoPacket decodeBinaryFrame(byte[] frame) {
    return EngineIoPacket.message(frame);
  }

  /**
   * Encodes a long-polling payload: the packets' text forms joined by {@code \x1e}.
   *
   * @throws IllegalArgumentException when {@code packets} is empty
   */
  public static String encodePayload(List<EngineIoPacket> packets) {
    if (packets.isEmpty()) {
      throw new IllegalArgumentException("a payload holds at least one packet");
    }
    if (packets.size() == 1) {
      return encodeText(packets.get(0));
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < packets.size(); i++) {
      if (i > 0) {
        out.append(SEPARATOR);
      }
      EngineIoPacket packet = packets.get(i);
      if (packet.isBinary()) {
        out.append(encodeText(packet));
      } else {
        out.append(packet.type().code());
        if (packet.text() != null) {
          out.append(packet.text());
        }
      }
    }
    return out.toString();
  }

  /** {@link #encodePayload(List)} in UTF-8: the body of a long-polling GET response. */
  public static byte[] encodePayloadUtf8(List<EngineIoPacket> packets) {
    if (packets.size() == 1 && !packets.get(0).isBinary()) {
      return packets.get(0).utf8Frame();
    }
    return encodePayload(packets).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a long-polling payload into its packets, in order.
   *
   * @throws EngineIoDecodeException when any record is not a valid packet (the whole payload is refused)
   */
  public static List<EngineIoPacket> decodePayload(String payload) {
    List<EngineIoPacket> packets = new ArrayList<>();
    int start = 0;
    while (true) {
      int end = payload.indexOf(SEPARATOR, start);
      if (end < 0) {
        packets.add(decodeText(payload.substring(start)));
        return packets;
      }
      packets.add(decodeText(payload.substring(start, end)));
      start = end + 1;
    }
  }

  /** Decodes a long-polling payload received as UTF-8 bytes (a POST body). */
  public static List<EngineIoPacket> decodePayload(byte[] utf8) {
    return decodePayload(new String(utf8, StandardCharsets.UTF_8));
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
  }
}
