package dev.sio4j.client.internal;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The client's view of the Engine.IO codec: text frames and long-polling payloads. TEMPORARY body until the shared
 * codec of sio4j-protocol lands; then each method delegates to it.
 */
final class EngineWire {
  private EngineWire() {
  }

  static EngineIoPacket decodeText(String frame) {
    if (frame.isEmpty()) {
      throw new IllegalArgumentException("empty packet");
    }
    EngineIoPacketType type = EngineIoPacketType.fromCode(frame.charAt(0));
    if (type == null) {
      throw new IllegalArgumentException("unknown packet type: " + frame.charAt(0));
    }
    return EngineIoPacket.of(type, frame.length() > 1 ? frame.substring(1) : null);
  }

  static List<EngineIoPacket> decodePayload(String body) {
    List<EngineIoPacket> out = new ArrayList<>();
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf('\u001e', start);
      if (end < 0) {
        end = body.length();
      }
      String part = body.substring(start, end);
      if (part.startsWith("b")) {
        out.add(EngineIoPacket.message(Base64.getDecoder().decode(part.substring(1))));
      } else {
        out.add(decodeText(part));
      }
      start = end + 1;
    }
    return out;
  }

  static String encodePayload(List<EngineIoPacket> packets) {
    StringBuilder b = new StringBuilder();
    for (EngineIoPacket p : packets) {
      if (b.length() > 0) {
        b.append('\u001e');
      }
      if (p.isBinary()) {
        b.append('b').append(Base64.getEncoder().encodeToString(p.binary()));
      } else {
        b.append(p.type().code());
        if (p.text() != null) {
          b.append(p.text());
        }
      }
    }
    return b.toString();
  }
}
