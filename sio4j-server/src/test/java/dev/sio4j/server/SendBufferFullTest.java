package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a packet can fail to reach a socket tells someone: a full send buffer closes the connection ("send buffer
 * full") and the emitter learns it (false from {@code emit}, {@link SendBufferFullException} from
 * {@code emitWithAck}, a {@link DeliveryFailure} for broadcasts); a volatile packet may be dropped, and only it; a handler that emitted to a congested socket waits for it to
 * drain, at most the back-pressure timeout, and not again for a socket that stayed stalled.
 */
class SendBufferFullTest {
  private SocketIoServer io;
  private final BlockingQueue<Socket> connected = new LinkedBlockingQueue<>();
  private final BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
  private final BlockingQueue<DeliveryFailure> failures = new LinkedBlockingQueue<>();

  private TestEngineSocket start(ServerOptions options) throws Exception {
    io = SocketIoServer.create(options);
    io.onConnection(socket -> {
      socket.onDisconnect((s, reason) -> reasons.add(reason));
      connected.add(socket);
    });
    io.onDeliveryFailure(failures::add);
    return connect();
  }

  private TestEngineSocket connect() throws Exception {
    TestEngineSocket engine = new TestEngineSocket(io.engineListener());
    engine.connect("/");
    return engine;
  }

  /** A server whose handlers wait up to 30 s for a congested socket, and 200 ms for one that does not drain. */
  private TestEngineSocket startWithStallTimeout() throws Exception {
    return start(ServerOptions.builder().backpressureTimeout(Duration.ofSeconds(30))
        .backpressureStallTimeout(Duration.ofMillis(200)).build());
  }

  /** On each {@code emit} event from {@code socket}, a broadcast; how long each took to return, in ms. */
  private BlockingQueue<Long> timeBroadcasts(Socket socket) {
    BlockingQueue<Long> took = new LinkedBlockingQueue<>();
    socket.on("emit", event -> {
      long start = System.nanoTime();
      io.emit("tick");
      took.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    });
    return took;
  }

  @AfterEach
  void close() {
    io.close();
  }

  @Test
  void anEmitThatCannotBeQueuedClosesTheConnectionAndReturnsFalse() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().build());
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    engine.room = false;
    assertFalse(socket.emit("lost?"));
    assertEquals(DisconnectReason.SEND_BUFFER_FULL, reasons.poll(5, TimeUnit.SECONDS));
    assertEquals(EngineCloseReason.SEND_BUFFER_FULL, engine.closeReason);
    DeliveryFailure failure = failures.poll(5, TimeUnit.SECONDS);
    assertEquals(new DeliveryFailure("/", "lost?", List.of(socket.id())), failure);
    assertFalse(socket.connected());
  }

  @Test
  void aVolatileEmitMayBeDroppedWithoutClosingAnything() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().build());
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    engine.room = false;
    assertFalse(socket.asVolatile().emit("ticker", 1));
    engine.writable = false;
    // a volatile broadcast dropped for a busy recipient is no failure: every recipient is still connected
    assertTrue(io.asVolatile().emit("ticker", 2));
    assertTrue(socket.connected());
    assertTrue(engine.isOpen());
    assertTrue(failures.isEmpty());
  }

  @Test
  void emitWithAckFailsWithSendBufferFull() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().build());
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    CompletableFuture<Arguments> pending = socket.emitWithAck("first");
    engine.room = false;
    CompletableFuture<Arguments> refused = socket.emitWithAck("second");
    ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(5, TimeUnit.SECONDS));
    assertInstanceOf(SendBufferFullException.class, e.getCause());
    // the ack waiting for the first one can no longer arrive either: the connection closed
    e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
    assertInstanceOf(SendBufferFullException.class, e.getCause());
  }

  @Test
  void aBroadcastReportsTheRecipientsItCouldNotReachAndTheOthersGetIt() throws Exception {
    TestEngineSocket full = start(ServerOptions.builder().build());
    Socket fullSocket = connected.poll(5, TimeUnit.SECONDS);
    TestEngineSocket fine = connect();
    connected.poll(5, TimeUnit.SECONDS);
    full.room = false;
    assertFalse(io.emit("news", 1));
    assertEquals("2[\"news\",1]", fine.nextText());
    assertEquals(new DeliveryFailure("/", "news", List.of(fullSocket.id())), failures.poll(5, TimeUnit.SECONDS));
    assertEquals(DisconnectReason.SEND_BUFFER_FULL, reasons.poll(5, TimeUnit.SECONDS));
    // the closed socket is no recipient any more: nothing else to report, once per socket
    assertTrue(io.emit("news", 2));
    assertEquals("2[\"news\",2]", fine.nextText());
    assertEquals(null, failures.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void anAcknowledgementThatCannotBeQueuedClosesTheConnection() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().build());
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    CountDownLatch acked = new CountDownLatch(1);
    socket.on("ask", event -> {
      engine.room = false;
      event.ack("answer");
      acked.countDown();
    });
    engine.receive("21[\"ask\"]");
    assertTrue(acked.await(5, TimeUnit.SECONDS));
    assertEquals(DisconnectReason.SEND_BUFFER_FULL, reasons.poll(5, TimeUnit.SECONDS));
    assertEquals(new DeliveryFailure("/", null, List.of(socket.id())), failures.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void aHandlerWaitsForACongestedSocketToDrain() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().backpressureTimeout(Duration.ofSeconds(10)).build());
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    AtomicLong emitReturnedNanos = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    socket.on("burst", event -> {
      engine.congest();
      socket.emit("big");
      emitReturnedNanos.set(System.nanoTime());
      done.countDown();
    });
    engine.receive("2[\"burst\"]");
    assertEquals("2[\"big\"]", engine.nextText());
    // past the stall timeout (250 ms): the socket still writes, only slower than the handler emits
    assertFalse(done.await(600, TimeUnit.MILLISECONDS), "the handler waits while the socket is congested");
    long drainedNanos = System.nanoTime();
    engine.drain();
    assertTrue(done.await(5, TimeUnit.SECONDS));
    assertTrue(emitReturnedNanos.get() >= drainedNanos);
    assertTrue(socket.connected());
  }

  @Test
  void aSocketThatStaysCongestedCostsOneTimeoutThenIsNotWaitedFor() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().backpressureTimeout(Duration.ofMillis(300)).build());
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    BlockingQueue<Long> took = timeBroadcasts(socket);
    engine.congest();
    engine.receive("2[\"emit\"]");
    assertTrue(took.poll(5, TimeUnit.SECONDS) >= 250, "waited for the back-pressure timeout");
    engine.receive("2[\"emit\"]");
    assertTrue(took.poll(5, TimeUnit.SECONDS) < 250, "a stalled socket is not waited for again");
    assertTrue(socket.connected(), "congested is not full: nothing was lost");
  }

  @Test
  void aSocketThatWritesNothingCostsOneStallTimeoutNotTheWholeWait() throws Exception {
    TestEngineSocket engine = startWithStallTimeout();
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    BlockingQueue<Long> took = timeBroadcasts(socket);
    engine.congest();
    engine.stopWriting();
    engine.receive("2[\"emit\"]");
    long first = took.poll(10, TimeUnit.SECONDS);
    assertTrue(first >= 150 && first < 10_000, "gave up after the stall timeout, not the 30 s wait: " + first + " ms");
    engine.receive("2[\"emit\"]");
    assertTrue(took.poll(5, TimeUnit.SECONDS) < 150, "a stalled socket is not waited for again");
    assertTrue(socket.connected(), "congested is not full: nothing was lost");
  }

  @Test
  void aSocketThatOnlyTricklesIsGivenUpLikeOneThatStopped() throws Exception {
    TestEngineSocket engine = startWithStallTimeout();
    Socket socket = connected.poll(5, TimeUnit.SECONDS);
    BlockingQueue<Long> took = timeBroadcasts(socket);
    engine.congest();
    engine.trickle();
    engine.receive("2[\"emit\"]");
    long first = took.poll(10, TimeUnit.SECONDS);
    assertTrue(first >= 150 && first < 10_000, "gave up after a window that drained nothing: " + first + " ms");
    assertTrue(socket.connected(), "congested is not full: nothing was lost");
  }

  @Test
  void emitsOutsideHandlersNeverWait() throws Exception {
    TestEngineSocket engine = start(ServerOptions.builder().backpressureTimeout(Duration.ofSeconds(30)).build());
    connected.poll(5, TimeUnit.SECONDS);
    engine.congest();
    long start = System.nanoTime();
    assertTrue(io.emit("from a thread of the application"));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5_000);
    assertEquals("2[\"from a thread of the application\"]", engine.nextText());
  }
}
