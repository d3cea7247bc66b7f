package dev.sio4j.spring.internal;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.EngineSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts an engine's open sessions by their current transport. Stateless. */
final class SessionCounts {
  private SessionCounts() {}

  /** {@code polling} and {@code websocket} (always both, maybe 0), then any other transport name. */
  static Map<String, Integer> byTransport(EngineServer engine) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("polling", 0);
    counts.put("websocket", 0);
    for (EngineSocket session : engine.sessions()) {
      counts.merge(session.transport(), 1, Integer::sum);
    }
    return counts;
  }

  /** The sessions on {@code transport}. */
  static int count(EngineServer engine, String transport) {
    int n = 0;
    for (EngineSocket session : engine.sessions()) {
      if (transport.equals(session.transport())) {
        n++;
      }
    }
    return n;
  }
}
