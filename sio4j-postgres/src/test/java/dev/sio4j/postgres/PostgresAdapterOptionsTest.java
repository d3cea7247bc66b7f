package dev.sio4j.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The defaults are the reference's; each setter refuses what would break the wire format or the SQL. */
class PostgresAdapterOptionsTest {
  @Test
  void defaultsAreTheReferences() {
    PostgresAdapterOptions options = PostgresAdapterOptions.defaults();
    assertEquals("socket.io", options.channelPrefix());
    assertEquals("socket_io_attachments", options.tableName());
    assertEquals(8000, options.payloadThreshold());
    assertEquals(Duration.ofSeconds(30), options.cleanupInterval());
    assertTrue(options.createTable());
    assertEquals(Duration.ofSeconds(5), options.requestsTimeout());
    assertEquals(Duration.ofSeconds(5), options.heartbeatInterval());
    assertEquals(Duration.ofSeconds(10), options.heartbeatTimeout());
  }

  @Test
  void settersValidate() {
    PostgresAdapterOptions.Builder b = PostgresAdapterOptions.builder();
    assertThrows(IllegalArgumentException.class, () -> b.channelPrefix("a#b"));
    assertThrows(IllegalArgumentException.class, () -> b.channelPrefix(""));
    assertThrows(IllegalArgumentException.class, () -> b.tableName("t; DROP TABLE x"));
    assertThrows(IllegalArgumentException.class, () -> b.tableName("\"quoted\""));
    assertEquals("app.attachments", b.tableName("app.attachments").build().tableName());
    assertThrows(IllegalArgumentException.class, () -> b.payloadThreshold(0));
    assertThrows(IllegalArgumentException.class, () -> b.payloadThreshold(8000 + 1));
    assertThrows(IllegalArgumentException.class, () -> b.cleanupInterval(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> PostgresAdapterOptions.builder().heartbeatInterval(Duration.ofSeconds(20)).build());
  }
}
