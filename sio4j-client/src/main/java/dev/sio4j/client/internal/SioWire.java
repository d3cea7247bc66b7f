package dev.sio4j.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The client's view of the Socket.IO codec. TEMPORARY body until the shared codec of sio4j-protocol lands. */
public final class SioWire {
  private final ObjectMapper mapper;
  private SioPacket partial;
  private final List<byte[]> attachments = new ArrayList<>();
  private int expected;

  public SioWire(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public List<EngineIoPacket> encode(SioPacket p) {
    List<byte[]> buffers = new ArrayList<>();
    JsonNode data = p.data() == null ? null : deconstruct(p.data(), buffers);
    SioPacket.Type type = p.type();
    if (!buffers.isEmpty()) {
      type = type == SioPacket.Type.EVENT ? SioPacket.Type.BINARY_EVENT
          : type == SioPacket.Type.ACK ? SioPacket.Type.BINARY_ACK : type;
    }
    StringBuilder b = new StringBuilder().append(type.ordinal());
    if (!buffers.isEmpty()) {
      b.append(buffers.size()).append('-');
    }
    if (p.nsp() != null && !p.nsp().equals("/")) {
      b.append(p.nsp()).append(',');
    }
    if (p.id() != null) {
      b.append(p.id());
    }
    if (data != null) {
      b.append(data.toString());
    }
    List<EngineIoPacket> out = new ArrayList<>(1 + buffers.size());
    out.add(EngineIoPacket.message(b.toString()));
    buffers.forEach(buf -> out.add(EngineIoPacket.message(buf)));
    return out;
  }

  private JsonNode deconstruct(JsonNode n, List<byte[]> buffers) {
    if (n.isBinary()) {
      ObjectNode ph = mapper.createObjectNode();
      ph.put("_placeholder", true);
      ph.put("num", buffers.size());
      buffers.add(((BinaryNode) n).binaryValue());
      return ph;
    }
    if (n.isArray()) {
      ArrayNode a = mapper.createArrayNode();
      n.forEach(c -> a.add(deconstruct(c, buffers)));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = mapper.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        o.set(e.getKey(), deconstruct(e.getValue(), buffers));
      }
      return o;
    }
    return n;
  }

  /** Feeds one Engine.IO MESSAGE; complete packets go to {@code out}. Throws on malformed input. */
  public void add(EngineIoPacket message, Consumer<SioPacket> out) {
    if (message.isBinary()) {
      if (partial == null) {
        throw new IllegalArgumentException("unexpected binary attachment");
      }
      attachments.add(message.binary());
      if (attachments.size() == expected) {
        SioPacket p = partial;
        partial = null;
        JsonNode data = reconstruct(p.data());
        attachments.clear();
        out.accept(new SioPacket(p.type(), p.nsp(), p.id(), data));
      }
      return;
    }
    if (partial != null) {
      throw new IllegalArgumentException("text packet while awaiting attachments");
    }
    String s = message.text();
    int i = 0;
    int t = s.charAt(i++) - '0';
    if (t < 0 || t > 6) {
      throw new IllegalArgumentException("unknown packet type");
    }
    SioPacket.Type type = SioPacket.Type.values()[t];
    int count = 0;
    if (type == SioPacket.Type.BINARY_EVENT || type == SioPacket.Type.BINARY_ACK) {
      int dash = s.indexOf('-', i);
      count = Integer.parseInt(s.substring(i, dash));
      i = dash + 1;
    }
    String nsp = "/";
    if (i < s.length() && s.charAt(i) == '/') {
      int comma = s.indexOf(',', i);
      nsp = comma < 0 ? s.substring(i) : s.substring(i, comma);
      i = comma < 0 ? s.length() : comma + 1;
    }
    int idStart = i;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    Integer id = i > idStart ? Integer.valueOf(s.substring(idStart, i)) : null;
    JsonNode data = null;
    if (i < s.length()) {
      try {
        data = mapper.readTree(s.substring(i));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("invalid payload", e);
      }
    }
    SioPacket p = new SioPacket(type, nsp, id, data);
    if (count > 0) {
      partial = p;
      expected = count;
    } else {
      out.accept(p);
    }
  }

  private JsonNode reconstruct(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isObject() && n.path("_placeholder").asBoolean(false) && n.path("num").isInt()) {
      return BinaryNode.valueOf(attachments.get(n.get("num").asInt()));
    }
    if (n.isArray()) {
      ArrayNode a = mapper.createArrayNode();
      n.forEach(c -> a.add(reconstruct(c)));
      return a;
    }
    if (n.isObject()) {
      ObjectNode o = mapper.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        o.set(e.getKey(), reconstruct(e.getValue()));
      }
      return o;
    }
    return n;
  }

  public void reset() {
    partial = null;
    attachments.clear();
  }
}
