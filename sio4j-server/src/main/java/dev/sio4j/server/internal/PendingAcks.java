package dev.sio4j.server.internal;

import dev.sio4j.server.Arguments;
import dev.sio4j.server.DisconnectReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The acknowledgements one socket waits for from its client, by ack id: each is taken once, by its ACK, its timeout or
 * the socket's disconnection, whichever comes first. The map is created on first use: most sockets wait for no ack
 * most of the time, and an idle socket should cost little. Thread-safe.
 */
final class PendingAcks {
  /** What to do with the client's answer, or with the reason the socket left before it came. */
  record Pending(Consumer<Arguments> onAck, Consumer<DisconnectReason> onDisconnect) {}

  private volatile Map<Long, Pending> waiting;

  /** Waits for {@code ackId}. */
  void put(long ackId, Consumer<Arguments> onAck, Consumer<DisconnectReason> onDisconnect) {
    Map<Long, Pending> map = waiting;
    if (map == null) {
      synchronized (this) {
        map = waiting;
        if (map == null) {
          map = new ConcurrentHashMap<>();
          waiting = map;
        }
      }
    }
    map.put(ackId, new Pending(onAck, onDisconnect));
  }

  /** Removes and returns what waits for {@code ackId}, or null. */
  Pending take(long ackId) {
    Map<Long, Pending> map = waiting;
    return map == null ? null : map.remove(ackId);
  }

  /** Removes and returns everything still waiting (the socket left). */
  List<Pending> takeAll() {
    Map<Long, Pending> map = waiting;
    if (map == null) {
      return List.of();
    }
    List<Pending> all = new ArrayList<>(map.values());
    map.clear();
    return all;
  }
}
