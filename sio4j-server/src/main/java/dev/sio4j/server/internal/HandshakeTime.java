package dev.sio4j.server.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code handshake.time} as the reference writes it: {@code new Date() + ""}, i.e. JavaScript's
 * {@code Date.prototype.toString()} (ECMA-262 "ToDateString"): {@code Sun Nov 22 2026 03:43:05 GMT+0000 (Coordinated
 * Universal Time)}, in the server's time zone, English names, the zone's long name in parentheses.
 */
final class HandshakeTime {
  // ECMA-262: weekday, month, day (2 digits), year (at least 4 digits), time, "GMT" and the offset as +HHMM
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx (zzzz)", Locale.US);

  private HandshakeTime() {}

  static String format(long epochMillis, ZoneId zone) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
  }
}
