package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rooms, broadcasts (to, except, from a socket, volatile, binary), broadcast acks and the socket operations. */
class BroadcastTest {
  private final SocketIoServer io = SocketIoServer.create();
  private final BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
  private TestEngineSocket a;
  private TestEngineSocket b;
  private TestEngineSocket c;
  private Socket sa;
  private Socket sb;
  private Socket sc;

  @BeforeEach
  void connectThree() throws Exception {
    io.onConnection(connected::add);
    a = new TestEngineSocket(io.engineListener());
    a.connect("/");
    sa = connected.poll(5, TimeUnit.SECONDS);
    b = new TestEngineSocket(io.engineListener());
    b.connect("/");
    sb = connected.poll(5, TimeUnit.SECONDS);
    c = new TestEngineSocket(io.engineListener());
    c.connect("/");
    sc = connected.poll(5, TimeUnit.SECONDS);
    sa.join("red", "blue");
    sb.join("red");
  }

  @AfterEach
  void close() {
    io.close();
  }

  @Test
  void encodesABroadcastOnceForEveryRecipient() throws Exception {
    io.emit("hello", 1, new byte[] {7});
    EngineIoPacket first = a.next();
    assertEquals("51-[\"hello\",1,{\"_placeholder\":true,\"num\":0}]", first.text());
    assertSame(first, b.next());
    assertSame(first, c.next());
    byte[] attachment = a.next().binary();
    assertArrayEquals(new byte[] {7}, attachment);
    assertSame(attachment, b.next().binary());
  }

  @Test
  void targetsRoomsAndExceptions() throws Exception {
    io.to("red").emit("r");
    assertEquals("2[\"r\"]", a.nextText());
    assertEquals("2[\"r\"]", b.nextText());
    io.to("red").except("blue").emit("r-b");
    assertEquals("2[\"r-b\"]", b.nextText());
    io.to("red", "blue").emit("once");
    assertEquals("2[\"once\"]", a.nextText());
    assertEquals("2[\"once\"]", b.nextText());
    io.except("red").emit("not-red");
    assertEquals("2[\"not-red\"]", c.nextText());
    sa.broadcast().emit("from-a");
    assertEquals("2[\"from-a\"]", b.nextText());
    assertEquals("2[\"from-a\"]", c.nextText());
    sa.to("red").emit("a-to-red");
    assertEquals("2[\"a-to-red\"]", b.nextText());
    io.to(sc.id()).emit("private");
    assertEquals("2[\"private\"]", c.nextText());
    io.to("nobody").emit("lost");
    assertTrue(a.silentFor(100) && b.silentFor(0) && c.silentFor(0));
  }

  @Test
  void volatileBroadcastSkipsBusyTransports() throws Exception {
    b.writable = false;
    io.asVolatile().emit("v");
    assertEquals("2[\"v\"]", a.nextText());
    assertEquals("2[\"v\"]", c.nextText());
    assertTrue(b.silentFor(100));
  }

  @Test
  void joinsLeavesFetchesAndDisconnectsFromAnyTarget() throws Exception {
    assertEquals(Set.of(sa.id(), "red", "blue"), sa.rooms());
    List<RemoteSocket> red = io.in("red").fetchSockets().get(5, TimeUnit.SECONDS);
    assertEquals(Set.of(sa.id(), sb.id()), red.stream().map(RemoteSocket::id).collect(Collectors.toSet()));
    io.except("red").socketsJoin("green");
    assertEquals(Set.of(sc.id(), "green"), sc.rooms());
    io.in("red").socketsLeave("red");
    assertEquals(Set.of(sb.id()), sb.rooms());
    sa.leave("blue");
    assertEquals(Set.of(sa.id()), sa.rooms());
    assertTrue(io.fetchSockets().get(5, TimeUnit.SECONDS).size() == 3);
    io.in("green").disconnectSockets(false);
    assertEquals("1", c.nextText());
    assertTrue(c.isOpen());
    io.disconnectSockets(true);
    a.awaitClosed();
    b.awaitClosed();
  }

  @Test
  void broadcastAckCollectsEveryAnswer() throws Exception {
    CompletableFuture<List<Arguments>> answers = io.timeout(5000).emitWithAck("q", 1);
    String sent = a.nextText();
    assertEquals(sent, b.nextText());
    assertEquals(sent, c.nextText());
    String ackId = sent.substring(1, sent.indexOf('['));
    a.receive("3" + ackId + "[\"a\"]");
    b.receive("3" + ackId + "[\"b\"]");
    c.receive("3" + ackId + "[\"c\"]");
    List<Arguments> all = answers.get(5, TimeUnit.SECONDS);
    assertEquals(Set.of("a", "b", "c"), all.stream().map(x -> x.get(0, String.class)).collect(Collectors.toSet()));
  }

  @Test
  void broadcastAckTimesOutWithThePartialAnswers() throws Exception {
    CompletableFuture<List<Arguments>> answers = io.to("red").timeout(200).emitWithAck("q");
    String sent = a.nextText();
    b.nextText();
    a.receive("3" + sent.substring(1, sent.indexOf('[')) + "[1]");
    ExecutionException e = assertThrows(ExecutionException.class, () -> answers.get(5, TimeUnit.SECONDS));
    AckTimeoutException timeout = (AckTimeoutException) e.getCause();
    assertEquals(1, timeout.responses().size());
    assertEquals(List.of(), io.to("nobody").emitWithAck("q").get(5, TimeUnit.SECONDS));
  }

  @Test
  void aDisconnectedSocketLeavesItsRooms() throws Exception {
    BlockingQueue<Set<String>> roomsWhileLeaving = new LinkedBlockingQueue<>();
    sa.onDisconnecting((s, reason) -> roomsWhileLeaving.add(s.rooms()));
    BlockingQueue<Set<String>> roomsAfter = new LinkedBlockingQueue<>();
    sa.onDisconnect((s, reason) -> roomsAfter.add(s.rooms()));
    a.drop(EngineCloseReason.TRANSPORT_CLOSE);
    assertEquals(Set.of(sa.id(), "red", "blue"), roomsWhileLeaving.poll(5, TimeUnit.SECONDS));
    assertEquals(Set.of(), roomsAfter.poll(5, TimeUnit.SECONDS));
    io.to("red").emit("after");
    assertEquals("2[\"after\"]", b.nextText());
    assertTrue(io.sockets().adapter().rooms().contains("red"));
    assertTrue(!io.sockets().adapter().rooms().contains("blue"));
  }
}
