package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Objects;

/**
 * A session found again by {@link Adapter#restoreSession}, with the packets its socket missed ({@code Session} in the
 * reference adapter). Immutable.
 *
 * @param state the socket's id, private session id, rooms and data
 * @param missedPackets the data of each missed EVENT, in emission order: {@code [event, args..., offset]} (the offset
 *     last, as it was sent to the other sockets); never modified by the receiver
 */
public record RestoredSession(SessionState state, List<ArrayNode> missedPackets) {
  /** Validates and copies. */
  public RestoredSession {
    Objects.requireNonNull(state, "state");
    missedPackets = List.copyOf(missedPackets);
  }
}
