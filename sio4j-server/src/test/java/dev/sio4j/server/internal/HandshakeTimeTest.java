package dev.sio4j.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** {@code handshake.time} is what Node prints for {@code new Date(t) + ""} in the same time zone (values from Node). */
class HandshakeTimeTest {
  @Test
  void formatsAsJavaScriptDateToString() {
    long t = 1_795_318_985_000L;
    assertEquals("Sun Nov 22 2026 03:43:05 GMT+0000 (Coordinated Universal Time)",
        HandshakeTime.format(t, ZoneId.of("UTC")));
    assertEquals("Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)",
        HandshakeTime.format(0, ZoneId.of("Etc/UTC")));
    assertEquals("Sun Nov 22 2026 04:43:05 GMT+0100 (Central European Standard Time)",
        HandshakeTime.format(t, ZoneId.of("Europe/Paris")));
    assertEquals("Sun Jun 21 2026 02:00:00 GMT+0200 (Central European Summer Time)",
        HandshakeTime.format(1_782_000_000_000L, ZoneId.of("Europe/Paris")));
    assertEquals("Sat Nov 21 2026 22:43:05 GMT-0500 (Eastern Standard Time)",
        HandshakeTime.format(t, ZoneId.of("America/New_York")));
  }
}
