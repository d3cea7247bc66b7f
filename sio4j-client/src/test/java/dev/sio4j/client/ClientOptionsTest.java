package dev.sio4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {
  @Test
  void defaultsAreTheJsClients() {
    ClientOptions o = ClientOptions.defaults();
    assertEquals(List.of(TransportType.POLLING, TransportType.WEBSOCKET), o.transports());
    assertEquals("/socket.io/", o.path());
    assertTrue(o.reconnection());
    assertEquals(Integer.MAX_VALUE, o.reconnectionAttempts());
    assertEquals(1000, o.reconnectionDelayMs());
    assertEquals(5000, o.reconnectionDelayMaxMs());
    assertEquals(0.5, o.randomizationFactor());
    assertEquals(20_000, o.timeoutMs());
    assertTrue(o.upgrade());
    assertTrue(o.perMessageDeflate());
    assertFalse(o.rememberUpgrade());
    assertFalse(o.tryAllTransports());
    assertFalse(o.forceNew());
    assertTrue(o.multiplex());
    assertEquals(0, o.retries());
    assertEquals(0, o.ackTimeoutMs());
    assertNull(o.auth());
    assertNull(o.sslContext());
  }

  @Test
  void settersValidate() {
    ClientOptions.Builder b = ClientOptions.builder();
    assertThrows(IllegalArgumentException.class, () -> b.transports(List.of()));
    assertThrows(IllegalArgumentException.class, () -> b.transports(TransportType.POLLING, TransportType.POLLING));
    assertThrows(IllegalArgumentException.class, () -> b.path("socket.io"));
    assertThrows(IllegalArgumentException.class, () -> b.query("EIO", "3"));
    assertThrows(IllegalArgumentException.class, () -> b.reconnectionAttempts(-1));
    assertThrows(IllegalArgumentException.class, () -> b.reconnectionDelay(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.randomizationFactor(1.5));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.retries(-1));
    assertThrows(IllegalArgumentException.class, () -> b.maxBufferedPackets(-1));
    assertThrows(IllegalArgumentException.class, () -> b.maxIncomingPacketSize(10));
    assertThrows(NullPointerException.class, () -> b.objectMapper(null));
    assertThrows(IllegalArgumentException.class,
        () -> ClientOptions.builder().reconnectionDelay(Duration.ofSeconds(10)).build());
  }

  @Test
  void optionsAreImmutableAndCopyable() {
    AtomicInteger asked = new AtomicInteger();
    ClientOptions.Builder b = ClientOptions.builder().query("a", "1").extraHeader("X-A", "1")
        .auth(() -> Map.of("n", asked.incrementAndGet()));
    ClientOptions first = b.build();
    b.query("b", "2");
    assertEquals(Map.of("a", "1"), first.query());
    assertThrows(UnsupportedOperationException.class, () -> first.query().put("c", "3"));
    ClientOptions copy = first.toBuilder().retries(2).build();
    assertEquals(Map.of("a", "1"), copy.query());
    assertEquals(2, copy.retries());
    assertEquals(1, copy.auth().get().get("n"));
    assertEquals(2, first.auth().get().get("n"), "a supplier is asked on each call");
  }
}
