package dev.sio4j.engine.internal;

import java.util.List;
import java.util.Map;

/**
 * Shares the strings that repeat from one handshake to the next (header names, {@code host}, {@code upgrade},
 * {@code EIO=4}, the request target...) among the {@code EngineRequest}s of one engine, which live as long as their
 * sessions: without it every idle connection kept its own copy of each (about 1.5 KB per connection).
 *
 * <p>A small direct-mapped cache: a string's hash picks one slot; an equal string there is returned instead of the
 * new one, otherwise the new one takes the slot. Bounded (a fixed array, strings over {@link #MAX_LENGTH}
 * characters are never kept), so values that never repeat (a {@code sec-websocket-key}) only cost a slot.
 * Thread-safe without locks: slots are written racily, which is benign for immutable strings (at worst a copy is not
 * shared). One per engine, no static state.
 */
final class RequestStrings {
  static final int SLOTS = 512;
  static final int MAX_LENGTH = 256;

  private final String[] slots = new String[SLOTS];

  /** An equal string seen before, or {@code value} (then remembered). */
  String share(String value) {
    if (value == null || value.length() > MAX_LENGTH) {
      return value;
    }
    int index = spread(value.hashCode()) & (SLOTS - 1);
    String seen = slots[index];
    if (value.equals(seen)) {
      return seen;
    }
    slots[index] = value;
    return value;
  }

  /**
   * {@code map}'s keys and values shared, as an immutable map (which {@code EngineRequest} keeps as it is, without
   * another copy); the values of each key keep their order.
   */
  @SuppressWarnings("unchecked")
  Map<String, List<String>> share(Map<String, List<String>> map) {
    Map.Entry<String, List<String>>[] entries = new Map.Entry[map.size()];
    int i = 0;
    for (Map.Entry<String, List<String>> entry : map.entrySet()) {
      List<String> values = entry.getValue();
      String[] shared = new String[values.size()];
      for (int j = 0; j < shared.length; j++) {
        shared[j] = share(values.get(j));
      }
      entries[i++] = Map.entry(share(entry.getKey()), List.of(shared));
    }
    return Map.ofEntries(entries);
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
