package dev.sio4j.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The server's OPEN packet (engine.io-protocol, "Handshake"): session id, upgrades, heartbeat timing, the largest
 * payload the server accepts.
 */
public record Handshake(String sid, List<String> upgrades, long pingInterval, long pingTimeout, long maxPayload) {

  /** Parses the JSON of an OPEN packet; throws {@link IllegalArgumentException} when a field is missing. */
  public static Handshake parse(ObjectMapper mapper, String json) {
    try {
      JsonNode n = mapper.readTree(json);
      if (n == null || !n.path("sid").isTextual() || !n.path("pingInterval").isNumber()
          || !n.path("pingTimeout").isNumber()) {
        throw new IllegalArgumentException("bad handshake: " + json);
      }
      List<String> upgrades = new ArrayList<>();
      n.path("upgrades").forEach(u -> upgrades.add(u.asText()));
      return new Handshake(n.get("sid").asText(), Collections.unmodifiableList(new ArrayList<>(upgrades)),
          n.get("pingInterval").asLong(),
          n.get("pingTimeout").asLong(), n.path("maxPayload").asLong(0));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("bad handshake: " + json, e);
    }
  }
}
