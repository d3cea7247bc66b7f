package dev.sio4j.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Handshake strings shared among the requests of one engine. */
class RequestStringsTest {

  @Test
  void equalStringsAreShared() {
    RequestStrings strings = new RequestStrings();
    String first = new String("websocket");
    String second = new String("websocket");
    assertSame(first, strings.share(first));
    assertSame(first, strings.share(second));
    assertNull(strings.share((String) null));
  }

  @Test
  void longStringsAreNeverKept() {
    RequestStrings strings = new RequestStrings();
    String first = "x".repeat(RequestStrings.MAX_LENGTH + 1);
    String second = new String(first);
    strings.share(first);
    assertSame(second, strings.share(second));
  }

  @Test
  void mapsKeepTheirValues() {
    RequestStrings strings = new RequestStrings();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put(new String("host"), List.of(new String("localhost:3000")));
    headers.put("accept", List.of("a", "b"));
    Map<String, List<String>> first = strings.share(headers);
    assertEquals(headers, first);
    assertEquals(List.of("a", "b"), first.get("accept"));
    Map<String, List<String>> again = new LinkedHashMap<>();
    again.put(new String("host"), List.of(new String("localhost:3000")));
    Map<String, List<String>> second = strings.share(again);
    assertSame(first.keySet().stream().filter("host"::equals).findFirst().orElseThrow(),
        second.keySet().iterator().next());
    assertSame(first.get("host").get(0), second.get("host").get(0));
    assertSame(first.get("host"), second.get("host"), "a one-value list is shared too");
  }
}
