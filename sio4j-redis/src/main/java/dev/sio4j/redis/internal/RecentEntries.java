package dev.sio4j.redis.internal;

import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The latest entries of one namespace that this server's stream reader handed to its adapter, in stream order and
 * without gaps, each with the broadcast it keeps for recovery (or none): a socket that recovers from an offset among
 * them is replayed these from memory, without reading them back ({@code XRANGE}) and decoding each again. After
 * a node is drained, its clients come back to the other nodes together, each asking for about the same range: read
 * back from Redis, that is the same entries read and decoded once per client.
 *
 * <p>It holds every entry of the namespace from its first to its last, as the stream does, but may lag behind the
 * stream: a replay takes the entries after the client's offset from here, then reads those after the last held from
 * the stream, so that it covers what an {@code XRANGE} would. At most {@code capacity} entries, the oldest dropped
 * first. Thread-safe.
 */
final class RecentEntries {
  /**
   * What a replay from memory found.
   *
   * @param missed the kept broadcasts after the offset, in stream order, each with its entry id
   * @param lastId the id of the last entry held, the offset itself when none followed it
   */
  record Range(List<Kept> missed, String lastId) {}

  /** A kept broadcast and its entry id (its offset). */
  record Kept(String id, Broadcast broadcast) {}

  private record Entry(String id, Broadcast kept) {}

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>(); // guarded by this

  /** Holds the latest {@code capacity} entries (positive). */
  RecentEntries(int capacity) {
    this.capacity = capacity;
  }

  /** Entry {@code id}, the next one of the stream for this namespace, keeping {@code kept} (or {@code null}). */
  synchronized void add(String id, Broadcast kept) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(id, kept));
  }

  /**
   * The kept broadcasts after the entry {@code offset}; {@code null} when that entry is not held (older, or never read
   * here): then the stream must be read.
   */
  synchronized Range after(String offset) {
    // a recovering client's offset is usually among the latest entries: searched from the newest
    int found = -1;
    int index = entries.size() - 1;
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); index--) {
      if (it.next().id().equals(offset)) {
        found = index;
        break;
      }
    }
    if (found < 0) {
      return null;
    }
    List<Kept> missed = new ArrayList<>();
    index = 0;
    for (Entry entry : entries) {
      if (index++ > found && entry.kept() != null) {
        missed.add(new Kept(entry.id(), entry.kept()));
      }
    }
    return new Range(missed, entries.peekLast().id());
  }

  /** Forgets every entry. */
  synchronized void clear() {
    entries.clear();
  }
}
