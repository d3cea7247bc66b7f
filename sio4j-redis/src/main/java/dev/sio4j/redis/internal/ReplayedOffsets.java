package dev.sio4j.redis.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For each socket recovered lately, the last stream entry its restore read: this server's live feed of the stream (its
 * reader, or the pub/sub messages) may lag behind the replay read with {@code XRANGE}, and must not deliver again what
 * the replay carried. An entry id at or before the mark was replayed (or was never the socket's). Marks are kept for
 * {@link #KEEP_MILLIS}, longer than any lag worth waiting for, then dropped.
 *
 * <p>Thread-safe.
 */
final class ReplayedOffsets {
  /** How long a mark is kept. */
  static final long KEEP_MILLIS = 60_000;

  private record Mark(long ms, long seq, long until) {}

  private final Map<String, Mark> marks = new ConcurrentHashMap<>();

  /** Socket {@code sid} was replayed the entries up to {@code lastRead} (an entry id) at {@code now}. */
  void mark(String sid, String lastRead, long now) {
    long[] id = parse(lastRead);
    if (id == null) {
      return;
    }
    marks.values().removeIf(m -> m.until() < now);
    marks.merge(sid, new Mark(id[0], id[1], now + KEEP_MILLIS),
        (old, fresh) -> compare(old.ms(), old.seq(), fresh.ms(), fresh.seq()) >= 0
            ? new Mark(old.ms(), old.seq(), fresh.until()) : fresh);
  }

  /** Whether the entry {@code offset} was in a replay of socket {@code sid}. */
  boolean covers(String sid, String offset, long now) {
    if (marks.isEmpty()) {
      return false;
    }
    Mark mark = marks.get(sid);
    if (mark == null) {
      return false;
    }
    if (mark.until() < now) {
      marks.remove(sid, mark);
      return false;
    }
    long[] id = parse(offset);
    return id != null && compare(id[0], id[1], mark.ms(), mark.seq()) <= 0;
  }

  private static int compare(long ms1, long seq1, long ms2, long seq2) {
    int c = Long.compareUnsigned(ms1, ms2);
    return c != 0 ? c : Long.compareUnsigned(seq1, seq2);
  }

  /** {@code <ms>-<seq>} as two numbers, or null. */
  private static long[] parse(String id) {
    if (!RedisRecoveryStore.isOffset(id)) {
      return null;
    }
    int dash = id.indexOf('-');
    try {
      return new long[] {Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
