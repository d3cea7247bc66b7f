package dev.sio4j.admin.internal;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin UI's aggregated events (its {@code AGGREGATED_EVENTS} feature): per second, how many raw connections and
 * disconnections (by reason), packets and bytes each way the engine saw, handed to the UI with each {@code
 * server_stats} and then forgotten, as the reference's {@code EventBuffer}. Thread-safe.
 */
public final class EventCounts {
  private record Key(long second, String type, String subType) {}

  private final Map<Key, long[]> counts = new LinkedHashMap<>();

  /** Counts the engine session {@code session}: its connection now, its packets, and its disconnection. */
  public void observe(EngineSocket session) {
    add("rawConnection", null, 1);
    session.onPacket(packet -> {
      if (hasData(packet)) {
        add("packetsIn", null, 1);
        add("bytesIn", null, size(packet));
      }
    });
    session.onPacketCreate(packet -> {
      if (hasData(packet)) {
        add("packetsOut", null, 1);
        add("bytesOut", null, size(packet));
      }
    });
    session.onClose((reason, description) -> add("rawDisconnection", reason.reason(), 1));
  }

  // as the reference: only packets with data count (not a bare PING, PONG or NOOP), by the bytes of that data
  private static boolean hasData(EngineIoPacket packet) {
    return packet.isBinary() || (packet.text() != null && !packet.text().isEmpty());
  }

  private static long size(EngineIoPacket packet) {
    return packet.isBinary() ? packet.binary().length : packet.utf8Frame().length - 1;
  }

  private synchronized void add(String type, String subType, long count) {
    long second = System.currentTimeMillis() / 1000 * 1000;
    counts.computeIfAbsent(new Key(second, type, subType), k -> new long[1])[0] += count;
  }

  /** The counts so far, as the UI reads them ({@code timestamp}, {@code type}, {@code subType}, {@code count}). */
  public synchronized List<Map<String, Object>> takeAll() {
    List<Map<String, Object>> all = new ArrayList<>(counts.size());
    counts.forEach((key, count) -> {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("timestamp", key.second());
      event.put("type", key.type());
      if (key.subType() != null) {
        event.put("subType", key.subType());
      }
      event.put("count", count[0]);
      all.add(event);
    });
    counts.clear();
    return all;
  }
}
