package dev.sio4j.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;

/** Comparisons for round trips: {@link EngineIoPacket} has no value equality of its own. */
final class Packets {
  private Packets() {}

  static void assertSamePackets(List<EngineIoPacket> expected, List<EngineIoPacket> actual) {
    assertEquals(expected.size(), actual.size(), "packet count");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).type(), actual.get(i).type(), "type of packet " + i);
      assertEquals(expected.get(i).text(), actual.get(i).text(), "text of packet " + i);
      assertArrayEquals(expected.get(i).binary(), actual.get(i).binary(), "bytes of packet " + i);
    }
  }
}
