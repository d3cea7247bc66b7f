package dev.sio4j.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class HttpCompressionTest {

  @Test
  void negotiatesGzipFirstAndHonoursQZero() {
    assertEquals("gzip", HttpCompression.negotiate("gzip, deflate, br"));
    assertEquals("gzip", HttpCompression.negotiate("deflate, gzip"));
    assertEquals("deflate", HttpCompression.negotiate("deflate"));
    assertEquals("deflate", HttpCompression.negotiate("gzip;q=0, deflate"));
    assertNull(HttpCompression.negotiate("br"));
    assertNull(HttpCompression.negotiate(null));
  }

  @Test
  void roundTrips() throws Exception {
    byte[] data = "hello hello hello hello".repeat(100).getBytes();
    assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(HttpCompression.compress(data, "gzip")))
        .readAllBytes());
    assertArrayEquals(data, new InflaterInputStream(new ByteArrayInputStream(HttpCompression.compress(data,
        "deflate"))).readAllBytes());
  }

  @Test
  void errorBodiesAreTheReferenceJson() {
    assertEquals("{\"code\":1,\"message\":\"Session ID unknown\"}", EngineError.UNKNOWN_SID.json(null));
    assertEquals("{\"code\":4,\"message\":\"a \\\"b\\\"\\n\"}", EngineError.FORBIDDEN.json("a \"b\"\n"));
  }
}
