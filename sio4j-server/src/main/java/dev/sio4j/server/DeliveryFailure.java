package dev.sio4j.server;

import java.util.List;
import java.util.Objects;

/**
 * Recipients an emit could not reach: their connection's send buffer was full, so the server closed their connection
 * ({@link DisconnectReason#SEND_BUFFER_FULL}) instead of dropping the packet in silence. Their clients reconnect by
 * themselves and, with connection state recovery on, receive what they missed. Volatile emits are never reported:
 * dropping them is their contract.
 *
 * @param namespace the namespace emitted to
 * @param event the event name, or {@code null} for a packet that is not an event (an acknowledgement) or that came
 *     from another server of the cluster
 * @param socketIds the ids of the local sockets not reached, one per socket (each is reported once: its connection
 *     closes)
 */
public record DeliveryFailure(String namespace, String event, List<String> socketIds) {
  /** A failure; {@code socketIds} is copied. */
  public DeliveryFailure {
    Objects.requireNonNull(namespace, "namespace");
    socketIds = List.copyOf(socketIds);
  }

  /** How many recipients were not reached. */
  public int unreached() {
    return socketIds.size();
  }
}
