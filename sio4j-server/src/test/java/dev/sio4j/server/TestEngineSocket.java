package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Engine.IO session for driving the Socket.IO layer without a network: a test double of our own engine
 * layer (the real engine and the official clients are exercised by the interop tests). Incoming packets are fed on the
 * test thread, as the engine feeds them on its I/O thread; outgoing ones are queued for assertions.
 */
final class TestEngineSocket implements EngineSocket {
  private static final AtomicInteger IDS = new AtomicInteger();

  private final EngineListener listener;
  private final String id = "engine" + IDS.incrementAndGet();
  private final EngineRequest request;
  private final BlockingQueue<EngineIoPacket> sent = new LinkedBlockingQueue<>();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final CountDownLatch closed = new CountDownLatch(1);
  volatile boolean writable = true;
  /** Sends are refused while false, as a full send buffer refuses them. */
  volatile boolean room = true;
  /** What {@link #isCongested()} says; {@link #drain()} ends it. */
  volatile boolean congested;
  private volatile long stoppedWritingAt;
  private volatile long congestedAt;
  private volatile boolean trickling;
  private volatile CompletableFuture<Void> drained = CompletableFuture.completedFuture(null);
  volatile boolean lastCompress;
  volatile EngineCloseReason closeReason;

  TestEngineSocket(EngineListener listener) {
    this(listener, Map.of());
  }

  TestEngineSocket(EngineListener listener, Map<String, List<String>> query) {
    this(listener, query, Map.of("host", List.of("test")));
  }

  /** A session whose handshake request carried {@code headers} (names lower-cased), from peer 127.0.0.1. */
  TestEngineSocket(EngineListener listener, Map<String, List<String>> query, Map<String, List<String>> headers) {
    this.listener = listener;
    this.request = new EngineRequest("GET", "/socket.io/?EIO=4&transport=websocket", headers,
        query, new InetSocketAddress("127.0.0.1", 40000), false, System.currentTimeMillis());
    listener.onOpen(this);
  }

  /** Feeds a text message from the client. */
  TestEngineSocket receive(String text) {
    listener.onMessage(this, EngineIoPacket.message(text));
    return this;
  }

  /** Feeds a binary message from the client. */
  TestEngineSocket receive(byte[] binary) {
    listener.onMessage(this, EngineIoPacket.message(binary));
    return this;
  }

  /** The next packet the server sent, within 5 s. */
  EngineIoPacket next() throws InterruptedException {
    EngineIoPacket packet = sent.poll(5, TimeUnit.SECONDS);
    assertNotNull(packet, "no packet sent within 5 s");
    return packet;
  }

  /** The next text packet's text. */
  String nextText() throws InterruptedException {
    return next().text();
  }

  /** Connects to {@code namespace} and returns the sid from the CONNECT answer. */
  String connect(String namespace) throws InterruptedException {
    receive("/".equals(namespace) ? "0" : "0" + namespace + ",");
    String answer = nextText();
    String prefix = "/".equals(namespace) ? "0" : "0" + namespace + ",";
    if (!answer.startsWith(prefix + "{\"sid\":\"")) {
      fail("unexpected CONNECT answer: " + answer);
    }
    return answer.substring(prefix.length() + 8, answer.length() - 2);
  }

  /** Whether nothing more is sent within {@code millis}. */
  boolean silentFor(long millis) throws InterruptedException {
    return sent.poll(millis, TimeUnit.MILLISECONDS) == null;
  }

  /** Waits until the server closes the session. */
  void awaitClosed() throws InterruptedException {
    if (!closed.await(5, TimeUnit.SECONDS)) {
      fail("session not closed within 5 s");
    }
  }

  /** The client side goes away: the engine reports {@code reason}. */
  void drop(EngineCloseReason reason) {
    if (open.compareAndSet(true, false)) {
      closeReason = reason;
      closed.countDown();
      listener.onClose(this, reason, null);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String transport() {
    return "websocket";
  }

  @Override
  public EngineRequest request() {
    return request;
  }

  @Override
  public boolean isOpen() {
    return open.get();
  }

  @Override
  public boolean isWritable() {
    return writable;
  }

  @Override
  public boolean send(List<EngineIoPacket> packets, boolean compress) {
    if (!open.get() || !room) {
      return false;
    }
    lastCompress = compress;
    sent.addAll(packets);
    return true;
  }

  @Override
  public void close() {
    drop(EngineCloseReason.FORCED_CLOSE);
  }

  @Override
  public void close(EngineCloseReason reason, String description) {
    drop(reason);
  }

  /**
   * While congested: 4 MB waiting, draining at 1 MB/s while the peer reads (neither after {@link #stopWriting()}
   * nor in a {@link #trickle()}).
   */
  @Override
  public long bufferedBytes() {
    if (!congested) {
      return 0;
    }
    if (trickling) {
      return 4_000_000;
    }
    long stopped = stoppedWritingAt;
    long readUntil = stopped != 0 ? stopped : System.nanoTime();
    return Math.max(1, 4_000_000 - (readUntil - congestedAt) / 1000);
  }

  /** The session goes above its high-water mark until {@link #drain()}. */
  void congest() {
    drained = new CompletableFuture<>();
    congestedAt = System.nanoTime();
    congested = true;
  }

  /** The session is back under its low-water mark. */
  void drain() {
    congested = false;
    drained.complete(null);
  }

  @Override
  public boolean isCongested() {
    return congested;
  }

  @Override
  public CompletableFuture<Void> drained() {
    return drained;
  }

  /** The peer stops reading: from now on nothing of this session is written. Until then it writes all the time. */
  void stopWriting() {
    stoppedWritingAt = System.nanoTime();
  }

  /** The peer reads a few bytes now and then: something is written all the time, but the backlog does not shrink. */
  void trickle() {
    trickling = true;
  }

  @Override
  public long lastWrittenNanos() {
    long stopped = stoppedWritingAt;
    return stopped != 0 ? stopped : System.nanoTime();
  }
}
