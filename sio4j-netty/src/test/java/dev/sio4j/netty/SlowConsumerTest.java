package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.sio4j.testing.binding.SlowConsumerContract.await;
import static dev.sio4j.testing.binding.SlowConsumerContract.stalledPeer;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.binding.Http;
import dev.sio4j.testing.binding.WsClient;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket peer that stops reading cannot make the server hold more than its bounds: the connection's high-water
 * mark turns {@link EngineSocket#isWritable()} false, {@code sendBufferSize} refuses further sends, and closing the
 * session (by the application or the heartbeat) frees the connection although its close frame can never be read.
 * A healthy client on the same server is unaffected.
 */
class SlowConsumerTest {
  private static final int SEND_BUFFER = 32;
  private static final java.time.Duration CLOSE_FRAME_TIMEOUT = java.time.Duration.ofMillis(300);
  private static final EngineIoPacket BIG = EngineIoPacket.message("x".repeat(16 * 1024));

  @Test
  void sendsAreRefusedWhenThePeerStopsReadingAndClosingFreesTheConnection() throws Exception {
    try (TestServer server = TestServer.startWith(b -> b.sendBufferSize(SEND_BUFFER),
        n -> n.closeFrameTimeout(CLOSE_FRAME_TIMEOUT));
        Socket stalled = stalledPeer(server)) {
      EngineSocket slow = server.events.sockets.get(server.events.await("open ").substring(5));
      WsClient healthy = WsClient.connect(server.ws(""));
      String healthySid = healthy.handshake();

      fillUntilNotWritable(slow);
      // nothing drains any more: at most sendBufferSize more packets are taken, then every send is refused
      boolean refused = false;
      for (int i = 0; i <= SEND_BUFFER; i++) {
        refused |= !slow.send(BIG);
      }
      assertTrue(refused, "sendBufferSize bounds what waits for a stalled peer");
      assertFalse(slow.send(BIG));
      assertFalse(slow.isWritable());

      healthy.send("4still here");
      assertEquals("4still here", healthy.next());
      assertTrue(server.events.sockets.get(healthySid).isWritable());

      assertEquals(2, server.server.openConnections());
      slow.close();
      assertEquals(EngineCloseReason.FORCED_CLOSE, server.events.awaitClose(slow.id()));
      await(() -> server.server.openConnections() == 1, "the stalled connection is closed once its close frame timed out");

      healthy.send("4after");
      assertEquals("4after", healthy.next());
    }
  }

  @Test
  void aStalledPeerMakesTheSessionCongestedUntilClosedForAFullBuffer() throws Exception {
    try (TestServer server = TestServer.startWith(b -> b.sendBufferBytes(4L * 1024 * 1024)
        .sendBufferHighWaterBytes(256 * 1024), n -> n.closeFrameTimeout(CLOSE_FRAME_TIMEOUT));
        Socket stalled = stalledPeer(server)) {
      EngineSocket slow = server.events.sockets.get(server.events.await("open ").substring(5));
      assertFalse(slow.isCongested());
      assertTrue(slow.drained().isDone(), "not congested: nothing to wait for");
      // until congested by bytes: while the peer's kernel buffers still take a little, what was counted may leave
      while (!slow.isCongested() || slow.bufferedBytes() <= 256 * 1024) {
        assertTrue(slow.send(BIG), "the high-water mark comes before the hard limit");
      }
      var drained = slow.drained();
      assertFalse(drained.isDone(), "a stalled peer does not drain");
      while (slow.send(BIG)) {
        assertTrue(slow.bufferedBytes() <= 4L * 1024 * 1024, "the hard limit holds");
      }
      slow.close(EngineCloseReason.SEND_BUFFER_FULL, "send buffer full");
      assertEquals(EngineCloseReason.SEND_BUFFER_FULL, server.events.awaitClose(slow.id()));
      drained.get(5, TimeUnit.SECONDS);
      await(() -> server.server.openConnections() == 0, "the stalled connection is closed");
    }
  }

  @Test
  void aStalledPeerIsDroppedByTheHeartbeat() throws Exception {
    try (TestServer server = TestServer.startWith(b -> b.sendBufferSize(SEND_BUFFER).pingIntervalMillis(300)
        .pingTimeoutMillis(300), n -> n.closeFrameTimeout(CLOSE_FRAME_TIMEOUT));
        Socket stalled = stalledPeer(server)) {
      EngineSocket slow = server.events.sockets.get(server.events.await("open ").substring(5));
      fillUntilNotWritable(slow);
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(slow.id()));
      await(() -> server.server.openConnections() == 0, "the stalled connection is closed");
      assertFalse(slow.send(BIG));
    }
  }

  @Test
  void longPollingDrainsWhenAGetTakesTheQueue() throws Exception {
    try (TestServer server = TestServer.start(b -> b.sendBufferSize(2))) {
      String sid = Http.handshake(server);
      assertEquals("open " + sid, server.events.await("open "));
      EngineSocket socket = server.events.sockets.get(sid);
      int before = drains(server, socket);
      // no GET held: the packets wait, the session is not writable, the bounded buffer refuses a third
      assertTrue(socket.send(EngineIoPacket.message("a")));
      assertTrue(socket.send(EngineIoPacket.message("b")));
      assertFalse(socket.isWritable());
      assertFalse(socket.send(EngineIoPacket.message("c")));
      assertEquals("4a\u001e4b", Http.get(server.pollingUrl(sid)).body());
      await(() -> drains(server, socket) > before && socket.isWritable(), "no drain after the GET took the queue");
      assertTrue(socket.send(EngineIoPacket.message("d")));
    }
  }

  @Test
  void theByteBudgetBoundsWhatWaitsButAnEmptyBufferTakesAnyMessage() throws Exception {
    try (TestServer server = TestServer.start(b -> b.sendBufferBytes(40_000))) {
      String sid = Http.handshake(server);
      assertEquals("open " + sid, server.events.await("open "));
      EngineSocket socket = server.events.sockets.get(sid);
      // no GET held: 16 KiB messages wait; the third would pass 40 000 bytes
      assertTrue(socket.send(BIG));
      assertTrue(socket.send(BIG));
      assertFalse(socket.send(BIG));
      assertTrue(socket.send(EngineIoPacket.message("small")), "what still fits is taken");
      String body = Http.get(server.pollingUrl(sid)).body();
      assertEquals(3, body.split("\u001e").length);
      await(socket::isWritable, "the GET took the queue");
      EngineIoPacket huge = EngineIoPacket.message("h".repeat(60_000));
      assertTrue(socket.send(huge), "an empty buffer takes a message larger than the budget");
      assertFalse(socket.send(EngineIoPacket.message("more")));
      assertEquals(60_001, Http.get(server.pollingUrl(sid)).body().length());
    }
  }

  private static int drains(TestServer server, EngineSocket socket) {
    var count = server.events.drains.get(socket.id());
    return count == null ? 0 : count.get();
  }

  /** Keeps sending while the session says it is writable: a peer that reads nothing makes that end. */
  private static void fillUntilNotWritable(EngineSocket socket) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (socket.isWritable()) {
      if (System.nanoTime() > deadline) {
        fail("the session stayed writable although its peer reads nothing");
      }
      if (!socket.send(BIG)) {
        // the buffer is full until the binding writes some out: let it
        Thread.sleep(1);
      }
    }
  }
}
