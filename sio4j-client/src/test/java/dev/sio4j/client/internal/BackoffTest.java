package dev.sio4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheMaximumWithoutJitter() {
    Backoff b = new Backoff(100, 1000, 0, () -> 0.5);
    assertEquals(100, b.duration());
    assertEquals(200, b.duration());
    assertEquals(400, b.duration());
    assertEquals(800, b.duration());
    assertEquals(1000, b.duration());
    assertEquals(5, b.attempts());
    b.reset();
    assertEquals(100, b.duration());
  }

  @Test
  void jitterMovesEachDelayByAtMostTheFactor() {
    // rand 0.25: floor(2.5) = 2 is even, so the delay goes down by floor(0.25 * 0.5 * ms).
    Backoff down = new Backoff(1000, 60_000, 0.5, () -> 0.25);
    assertEquals(875, down.duration());
    assertEquals(1750, down.duration());
    // rand 0.35: floor(3.5) = 3 is odd, so the delay goes up.
    Backoff up = new Backoff(1000, 60_000, 0.5, () -> 0.35);
    assertEquals(1175, up.duration());
    Backoff capped = new Backoff(1000, 1100, 0.5, () -> 0.35);
    assertEquals(1100, capped.duration());
  }
}
