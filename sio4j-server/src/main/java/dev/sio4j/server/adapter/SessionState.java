package dev.sio4j.server.adapter;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What connection state recovery keeps of a disconnected socket ({@code SessionToPersist} in the reference adapter):
 * its id, its private session id, its rooms and its data. Immutable. A cluster adapter serializes it, so the data
 * values should be what the server's Jackson mapper can write.
 *
 * @param sid the socket id, given back to the recovered socket
 * @param pid the private session id the client presents to recover (never sent to other clients)
 * @param rooms the rooms the socket was in, its own room included
 * @param data a copy of the socket's data map
 */
public record SessionState(String sid, String pid, Set<String> rooms, Map<String, Object> data) {
  /** Validates and copies. */
  public SessionState {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(pid, "pid");
    rooms = Set.copyOf(rooms);
    data = Map.copyOf(data);
  }
}
