package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.server.ConnectionStateRecovery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connection state recovery store of one {@link InMemoryAdapter} (the reference's {@code SessionAwareAdapter}):
 * the broadcast packets with their offsets and the sessions of disconnected sockets, both bounded by
 * {@code maxDisconnectionDuration} and the packets also by {@code maxPackets}. Expired entries are dropped on each
 * keep, persist and restore, and by {@link #prune()}, run periodically by the adapter (entries are kept in time order,
 * so pruning looks at the head only).
 *
 * <p>Thread-safe: one lock, also held by the adapter while it delivers a kept packet, so that every socket receives
 * the kept packets in offset order (a recovered socket then replays exactly what follows its last offset).
 */
final class RecoveryStore {
  private record KeptPacket(String offset, BroadcastOptions options, ArrayNode data, long emittedAt) {}

  private record KeptSession(SessionState state, long disconnectedAt) {}

  final ReentrantLock lock = new ReentrantLock();
  private final AdapterNamespace namespace;
  private final long maxAgeMillis;
  private final int maxPackets;
  private final String offsetPrefix;
  private final ArrayDeque<KeptPacket> packets = new ArrayDeque<>();
  private final Map<String, KeptSession> sessions = new LinkedHashMap<>();
  private long nextOffset;
  private boolean closed;

  RecoveryStore(AdapterNamespace namespace, ConnectionStateRecovery options) {
    this.namespace = namespace;
    this.maxAgeMillis = options.maxDisconnectionDuration().toMillis();
    this.maxPackets = options.maxPackets();
    // an offset of another server instance (or of an adapter closed and recreated) never matches one of these
    this.offsetPrefix = namespace.newId().substring(0, 8) + "-";
  }

  /**
   * Keeps {@code data} (an EVENT's {@code [event, args...]}, copied) with a fresh offset appended; call with
   * {@link #lock} held.
   *
   * @return the kept data, the offset as its last element
   */
  ArrayNode keep(ArrayNode data, BroadcastOptions options) {
    long now = namespace.currentTimeMillis();
    prunePackets(now);
    // fixed width, so offsets sort as text in emission order
    String offset = offsetPrefix + String.format("%012x", nextOffset++);
    ArrayNode kept = data.deepCopy();
    kept.add(offset);
    if (closed) {
      return kept;
    }
    packets.addLast(new KeptPacket(offset, options, kept, now));
    if (packets.size() > maxPackets) {
      packets.removeFirst();
    }
    return kept;
  }

  void persist(SessionState session) {
    lock.lock();
    try {
      if (closed) {
        // the adapter closed (server shutting down) before this socket's cleanup ran: nothing to keep it for
        return;
      }
      long now = namespace.currentTimeMillis();
      pruneSessions(now);
      sessions.remove(session.pid());
      sessions.put(session.pid(), new KeptSession(session, now));
    } finally {
      lock.unlock();
    }
  }

  RestoredSession restore(String pid, String offset) {
    lock.lock();
    try {
      long now = namespace.currentTimeMillis();
      pruneSessions(now);
      prunePackets(now);
      KeptSession kept = sessions.get(pid);
      if (kept == null) {
        return null;
      }
      List<ArrayNode> missed = new ArrayList<>();
      boolean found = false;
      for (KeptPacket packet : packets) {
        if (found) {
          if (targets(kept.state().rooms(), packet.options())) {
            missed.add(packet.data());
          }
        } else if (packet.offset().equals(offset)) {
          found = true;
        }
      }
      // an offset no longer kept (too old) cannot be replayed from: a fresh session, as the reference
      return found ? new RestoredSession(kept.state(), missed) : null;
    } finally {
      lock.unlock();
    }
  }

  /** Drops the expired packets and sessions. */
  void prune() {
    lock.lock();
    try {
      long now = namespace.currentTimeMillis();
      prunePackets(now);
      pruneSessions(now);
    } finally {
      lock.unlock();
    }
  }

  /** Forgets everything and keeps nothing more (the adapter closed). */
  void clear() {
    lock.lock();
    try {
      closed = true;
      packets.clear();
      sessions.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a socket in {@code rooms} was targeted by a broadcast with {@code options} (reference rule). */
  private static boolean targets(Set<String> rooms, BroadcastOptions options) {
    boolean included = options.rooms().isEmpty();
    for (String room : rooms) {
      if (options.except().contains(room)) {
        return false;
      }
      included |= options.rooms().contains(room);
    }
    return included;
  }

  private void prunePackets(long now) {
    while (!packets.isEmpty() && packets.peekFirst().emittedAt() < now - maxAgeMillis) {
      packets.removeFirst();
    }
  }

  private void pruneSessions(long now) {
    Iterator<KeptSession> it = sessions.values().iterator();
    while (it.hasNext()) {
      if (it.next().disconnectedAt() >= now - maxAgeMillis) {
        break;
      }
      it.remove();
    }
  }
}
