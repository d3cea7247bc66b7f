package dev.sio4j.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.OverflowPolicy;
import dev.sio4j.engine.PacketSource;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The drop paths of one socket's way out, each with who is told: writes held before the CONNECT answer past their
 * bound and a send buffer that refuses a packet both run the overflow (which closes the connection), unless the
 * packet is volatile; a closed outbox refuses writes without an overflow (the socket has left already); a client that
 * leaves while its CONNECT answer is sent gets nothing more, and writes made meanwhile keep their order; a recovered
 * socket gets each replayed packet once, also when it comes live only after the answer.
 */
class SocketOutboxTest {
  private static final List<EngineIoPacket> PACKET = List.of(EngineIoPacket.message("2[\"x\"]"));
  private static final PacketSource SOURCE = new PacketSource() {
    @Override
    public OverflowPolicy overflowPolicy() {
      return OverflowPolicy.REFUSE;
    }

    @Override
    public void full() {}

    @Override
    public void dropped(int count, boolean superseded) {}
  };

  /** A session that records what it is sent and refuses sends while {@code room} is false. */
  private static final class Session implements EngineSocket {
    final List<EngineIoPacket> sent = new ArrayList<>();
    boolean room = true;
    boolean writable = true;
    // run inside send(), as the engine runs the session's queued work (an incoming packet) on the sender's thread
    Runnable duringSend = () -> {};

    @Override public String id() {
      return "s";
    }

    @Override public String transport() {
      return "websocket";
    }

    @Override public EngineRequest request() {
      return null;
    }

    @Override public boolean isOpen() {
      return true;
    }

    @Override public boolean isWritable() {
      return writable;
    }

    @Override public boolean send(List<EngineIoPacket> packets, boolean compress) {
      if (room) {
        sent.addAll(packets);
      }
      Runnable work = duringSend;
      duringSend = () -> {};
      work.run();
      return room;
    }

    @Override public void close() {}

    @Override public void close(EngineCloseReason reason, String description) {}

    @Override public long bufferedBytes() {
      return 0;
    }

    @Override public boolean isCongested() {
      return false;
    }

    @Override public CompletableFuture<Void> drained() {
      return CompletableFuture.completedFuture(null);
    }
  }

  private final Session session = new Session();
  private final AtomicInteger overflows = new AtomicInteger();
  private final SocketOutbox outbox = new SocketOutbox(session, SOURCE, 2, new Emissions(0, 0, Runnable::run),
      overflows::incrementAndGet);

  private void open() {
    SocketIoEncoder encoder = new SocketIoEncoder(SocketIoJson.newMapper());
    outbox.open(encoder.encode(SocketIoPacket.connect("/", null)), List.of(), "/", encoder);
  }

  @Test
  void writesHeldPastTheirBoundBeforeTheConnectAnswerOverflow() {
    assertTrue(outbox.write(PACKET, false, true, null, null));
    assertTrue(outbox.write(PACKET, false, true, null, null));
    assertFalse(outbox.write(PACKET, true, true, null, null), "a volatile write past the bound is dropped");
    assertEquals(0, overflows.get());
    assertFalse(outbox.write(PACKET, false, true, null, null));
    assertEquals(1, overflows.get(), "a non-volatile one closes the connection");
    open();
    assertEquals(3, session.sent.size(), "the answer, then the two held writes");
  }

  @Test
  void aFullSendBufferOverflowsUnlessThePacketIsVolatile() {
    open();
    session.room = false;
    assertFalse(outbox.write(PACKET, true, true, null, null));
    assertEquals(0, overflows.get());
    assertFalse(outbox.write(PACKET, false, true, null, null));
    assertEquals(1, overflows.get());
  }

  @Test
  void aVolatileWriteIsDroppedWhileTheTransportIsBusy() {
    open();
    session.writable = false;
    assertFalse(outbox.write(PACKET, true, true, null, null));
    assertTrue(outbox.write(PACKET, false, true, null, null), "a non-volatile one is queued");
    assertEquals(0, overflows.get());
  }

  @Test
  void aClosedOutboxRefusesWritesWithoutOverflow() {
    outbox.close();
    assertFalse(outbox.write(PACKET, false, true, null, null));
    assertEquals(0, overflows.get());
    assertTrue(session.sent.isEmpty());
  }

  @Test
  void theClientLeavingWhileTheAnswerIsSentStopsTheHeldWrites() {
    assertTrue(outbox.write(PACKET, false, true, null, null));
    assertTrue(outbox.write(PACKET, false, true, null, null));
    // the client's DISCONNECT, handled while the CONNECT answer is being sent
    session.duringSend = outbox::close;
    open();
    assertEquals(1, session.sent.size(), "the answer only: the socket left before its held writes");
    assertFalse(outbox.write(PACKET, false, true, null, null));
    assertEquals(0, overflows.get());
  }

  @Test
  void aReplayedPacketThatComesLiveAfterTheAnswerIsNotSentTwice() {
    SocketIoEncoder encoder = new SocketIoEncoder(SocketIoJson.newMapper());
    ArrayNode a = JsonNodeFactory.instance.arrayNode().add("tick").add(1).add("1-0");
    ArrayNode b = JsonNodeFactory.instance.arrayNode().add("tick").add(2).add("2-0");
    // held before the answer: the first replayed packet, already live
    assertTrue(outbox.write(List.of(EngineIoPacket.message("2[\"tick\",1]")), false, true, null, "1-0"));
    outbox.open(encoder.encode(SocketIoPacket.connect("/", null)), List.of(a, b), "/", encoder);
    // the store was ahead of the broker: the second replayed packet comes live only now, then a new one
    assertTrue(outbox.write(List.of(EngineIoPacket.message("2[\"tick\",2]")), false, true, null, "2-0"));
    assertTrue(outbox.write(List.of(EngineIoPacket.message("2[\"tick\",3]")), false, true, null, "3-0"));
    assertEquals(List.of("0", "2[\"tick\",1,\"1-0\"]", "2[\"tick\",2,\"2-0\"]", "2[\"tick\",3]"),
        session.sent.stream().map(EngineIoPacket::text).toList(), "the answer, the replay, then only the new one");
  }

  @Test
  void aWriteHeldWhileTheHeldOnesAreSentFollowsThem() {
    List<EngineIoPacket> late = List.of(EngineIoPacket.message("2[\"late\"]"));
    assertTrue(outbox.write(PACKET, false, true, null, null));
    // while the held write is sent (the second send, after the answer)
    session.duringSend = () -> session.duringSend = () -> assertTrue(outbox.write(late, false, true, null, null));
    open();
    assertEquals(List.of("0", "2[\"x\"]", "2[\"late\"]"),
        session.sent.stream().map(EngineIoPacket::text).toList(), "the answer, the held write, then the late one");
  }
}
