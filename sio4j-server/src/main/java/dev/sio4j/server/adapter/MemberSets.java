package dev.sio4j.server.adapter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sets of {@link InMemoryAdapter}'s two indexes (a room's members, a socket's rooms), changed only inside a
 * {@code compute} of their map, so that each change is atomic for its key. Most sockets are in their own room only and
 * most rooms hold that one socket, so a small set is an immutable one, replaced on each change (a one-element set is 24
 * bytes, where an empty concurrent set is 140); past {@link #SMALL} elements it becomes a concurrent set changed in
 * place, so that joining a large room copies nothing. Readers iterate either without a lock: an immutable set is a
 * snapshot, a concurrent one is weakly consistent.
 */
final class MemberSets {
  static final int SMALL = 8;

  private MemberSets() {}

  /** {@code set} (null: empty) with {@code element}: the same set when it holds it already. */
  static Set<String> plus(Set<String> set, String element) {
    if (set == null) {
      return Set.of(element);
    }
    if (set instanceof ConcurrentHashMap.KeySetView) {
      set.add(element);
      return set;
    }
    if (set.contains(element)) {
      return set;
    }
    if (set.size() < SMALL) {
      String[] elements = set.toArray(new String[set.size() + 1]);
      elements[set.size()] = element;
      return Set.of(elements);
    }
    Set<String> large = ConcurrentHashMap.newKeySet(set.size() * 2);
    large.addAll(set);
    large.add(element);
    return large;
  }

  /** {@code set} without {@code element}: the same set when it does not hold it; may be empty, never null. */
  static Set<String> minus(Set<String> set, String element) {
    if (set instanceof ConcurrentHashMap.KeySetView) {
      set.remove(element);
      return set;
    }
    if (!set.contains(element)) {
      return set;
    }
    String[] rest = new String[set.size() - 1];
    int i = 0;
    for (String e : set) {
      if (!e.equals(element)) {
        rest[i++] = e;
      }
    }
    return Set.of(rest);
  }
}
