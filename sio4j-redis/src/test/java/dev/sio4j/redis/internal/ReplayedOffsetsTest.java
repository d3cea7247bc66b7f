package dev.sio4j.redis.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Marks of replayed entries: compared as stream ids (numbers, not text), the latest mark kept, dropped when old. */
class ReplayedOffsetsTest {
  @Test
  void entriesUpToTheMarkAreCoveredComparedAsNumbers() {
    ReplayedOffsets replayed = new ReplayedOffsets();
    assertFalse(replayed.covers("s", "1-0", 0));
    replayed.mark("s", "1700000000000-9", 0);
    assertTrue(replayed.covers("s", "1700000000000-9", 1));
    assertTrue(replayed.covers("s", "1699999999999-10", 1));
    assertFalse(replayed.covers("s", "1700000000000-10", 1), "10 after 9, though it sorts before as text");
    assertFalse(replayed.covers("other", "1-0", 1));
    assertFalse(replayed.covers("s", "not an id", 1));
    // an earlier mark (a second look that read less) never lowers it
    replayed.mark("s", "1700000000000-1", 2);
    assertTrue(replayed.covers("s", "1700000000000-9", 3));
    assertFalse(replayed.covers("s", "1700000000000-9", 3 + ReplayedOffsets.KEEP_MILLIS), "dropped when old");
  }
}
