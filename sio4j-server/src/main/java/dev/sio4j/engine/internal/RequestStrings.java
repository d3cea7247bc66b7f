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
  // the one-value lists of shared strings, by the same slots: most headers have one value, repeated from request to
  // request, and each request kept a list of its own for each of them (about 300 bytes per idle connection)
  @SuppressWarnings("unchecked")
  private final List<String>[] singles = new List[SLOTS];

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
      List<String> sharedValues;
      if (values.size() == 1) {
        sharedValues = single(share(values.get(0)));
      } else {
        String[] shared = new String[values.size()];
        for (int j = 0; j < shared.length; j++) {
          shared[j] = share(values.get(j));
        }
        sharedValues = List.of(shared);
      }
      entries[i++] = Map.entry(share(entry.getKey()), sharedValues);
    }
    return Map.ofEntries(entries);
  }

  /** A list of {@code value} alone, the same one as for an earlier equal value when its slot still holds it. */
  private List<String> single(String value) {
    if (value == null) {
      return java.util.Collections.singletonList(null);
    }
    int index = spread(value.hashCode()) & (SLOTS - 1);
    List<String> seen = singles[index];
    if (seen != null && seen.get(0).equals(value)) {
      return seen;
    }
    List<String> list = List.of(value);
    singles[index] = list;
    return list;
  }

  private static int spread(int hash) {
    return hash ^ (hash >>> 16);
  }
}
