package dev.sio4j.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latest entries kept for recovery: the kept broadcasts after an offset held, nothing for one that is not. */
class RecentEntriesTest {
  private static Broadcast tick(int n) {
    return new Broadcast(SocketIoPacket.event("/", JsonNodeFactory.instance.arrayNode().add("tick").add(n),
        SocketIoPacket.NO_ACK), BroadcastOptions.ALL, null);
  }

  @Test
  void keptBroadcastsAfterAHeldOffsetInStreamOrder() {
    RecentEntries recent = new RecentEntries(10);
    recent.add("1-0", tick(1));
    recent.add("2-0", null); // an entry keeping nothing (a room operation)
    recent.add("3-0", tick(3));
    recent.add("3-1", tick(4));
    RecentEntries.Range range = recent.after("1-0");
    assertEquals(List.of("3-0", "3-1"), range.missed().stream().map(RecentEntries.Kept::id).toList());
    assertEquals(3, range.missed().get(0).broadcast().packet().data().get(1).asInt());
    assertEquals("3-1", range.lastId());
    RecentEntries.Range none = recent.after("3-1");
    assertEquals(List.of(), none.missed());
    assertEquals("3-1", none.lastId(), "up to date: the offset itself is the last read");
  }

  @Test
  void anOffsetNotHeldMeansReadingTheStream() {
    RecentEntries recent = new RecentEntries(2);
    assertNull(recent.after("1-0"), "nothing held yet");
    recent.add("1-0", tick(1));
    recent.add("2-0", tick(2));
    recent.add("3-0", tick(3));
    assertNull(recent.after("1-0"), "dropped: the oldest goes first");
    assertEquals(List.of("3-0"), recent.after("2-0").missed().stream().map(RecentEntries.Kept::id).toList());
    recent.clear();
    assertNull(recent.after("2-0"));
  }
}
