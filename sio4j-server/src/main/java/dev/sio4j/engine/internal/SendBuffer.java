package dev.sio4j.engine.internal;

import dev.sio4j.engine.OverflowPolicy;
import dev.sio4j.engine.PacketSource;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The packets a session holds until its transport takes them, in send order, grouped as they were sent (a Socket.IO
 * binary event and its attachments stay one group: dropping half of one would corrupt the stream). Groups that a full
 * buffer may drop, and groups that a later one with the same key replaces, are found here. Confined to the session's
 * executor.
 */
final class SendBuffer {
  /** One {@code send}: its packets, their encoded size, and what may happen to them while they wait. */
  static final class Group {
    private List<EngineIoPacket> packets;
    private long bytes;
    private final boolean volatileFlag;
    private Object key;
    private final PacketSource source;
    // a transport took its first packets: the rest must follow, so it can no longer be dropped
    private boolean started;

    Group(List<EngineIoPacket> packets, long bytes, boolean volatileFlag, String key, PacketSource source) {
      this.packets = packets;
      this.bytes = bytes;
      this.volatileFlag = volatileFlag;
      this.key = key == null || source == null ? null : new SourceKey(source, key);
      this.source = source;
    }

    List<EngineIoPacket> packets() {
      return packets;
    }

    long bytes() {
      return bytes;
    }

    boolean volatileFlag() {
      return volatileFlag;
    }

    PacketSource source() {
      return source;
    }

    /** Whether a full buffer may drop this group: volatile ones always, others when their own source allows it. */
    boolean evictableBy(OverflowPolicy policy) {
      if (source == null || started || policy == OverflowPolicy.REFUSE) {
        return false;
      }
      return volatileFlag || policy == OverflowPolicy.EVICT_OLDEST
          && source.overflowPolicy() == OverflowPolicy.EVICT_OLDEST;
    }
  }

  /** Keys are per source: two namespaces of one session may use the same key for different things. */
  private record SourceKey(PacketSource source, String key) {}

  private final ArrayDeque<Group> groups = new ArrayDeque<>(1);
  // created by the first keyed group; the waiting group of each key
  private Map<Object, Group> keyed;

  boolean isEmpty() {
    return groups.isEmpty();
  }

  /** The number of groups waiting. */
  int size() {
    return groups.size();
  }

  /** Appends {@code group}; returns the waiting group it replaces (same source and key), already removed, or null. */
  Group add(Group group) {
    Group replaced = null;
    if (group.key != null) {
      if (keyed == null) {
        keyed = new HashMap<>();
      }
      replaced = keyed.put(group.key, group);
      if (replaced != null) {
        groups.removeFirstOccurrence(replaced);
      }
    }
    groups.add(group);
    return replaced;
  }

  /** Every waiting packet, in order, in a new list. */
  List<EngineIoPacket> packets() {
    List<EngineIoPacket> all = new ArrayList<>();
    for (Group g : groups) {
      all.addAll(g.packets);
    }
    return all;
  }

  /** The transport took the first {@code count} packets: a group it took in part stays, no longer droppable. */
  void taken(int count) {
    int left = count;
    while (left > 0 && !groups.isEmpty()) {
      Group head = groups.peek();
      int n = head.packets.size();
      if (n <= left) {
        groups.poll();
        forget(head);
        left -= n;
      } else {
        forget(head);
        head.key = null;
        head.started = true;
        head.packets = List.copyOf(head.packets.subList(left, n));
        head.bytes = EngineSession.bytes(head.packets);
        left = 0;
      }
    }
  }

  /** Removes and returns the oldest group that {@code policy} may drop, never {@code keep}; null when none. */
  Group evict(OverflowPolicy policy, Group keep) {
    for (Iterator<Group> it = groups.iterator(); it.hasNext(); ) {
      Group g = it.next();
      if (g != keep && g.evictableBy(policy)) {
        it.remove();
        forget(g);
        return g;
      }
    }
    return null;
  }

  /** Removes {@code group} (a new one that no room could be made for). */
  void remove(Group group) {
    groups.removeLastOccurrence(group);
    forget(group);
  }

  void clear() {
    groups.clear();
    keyed = null;
  }

  private void forget(Group g) {
    if (g.key != null && keyed != null) {
      keyed.remove(g.key, g);
    }
  }
}
