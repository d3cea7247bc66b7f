package dev.sio4j.engine.internal;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.HttpExchange;
import dev.sio4j.engine.OverflowPolicy;
import dev.sio4j.engine.PacketSource;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session (the reference's {@code socket.ts}): its state, write buffer, heartbeat and upgrade.
 *
 * <p>Every state change runs in the session's {@link SerialExecutor}, so the fields below are confined to it; only
 * {@link #send}, {@link #close()} and the getters are called from other threads, through volatile fields and
 * atomics.
 */
final class EngineSession implements EngineSocket {
  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);
  private static final EngineIoPacket PING = EngineIoPacket.of(EngineIoPacketType.PING, (String) null);
  private static final EngineIoPacket PONG = EngineIoPacket.of(EngineIoPacketType.PONG, (String) null);
  private static final EngineIoPacket CLOSE = EngineIoPacket.of(EngineIoPacketType.CLOSE, (String) null);
  private static final EngineIoPacket NOOP = EngineIoPacket.of(EngineIoPacketType.NOOP, (String) null);
  private static final EngineIoPacket PROBE_ANSWER = EngineIoPacket.of(EngineIoPacketType.PONG, "probe");

  private static final long UPGRADE_CHECK_MILLIS = 100;
  /** For packets of the session's own (PONG probe, NOOP, CLOSE) that the send buffer never counted. */
  private static final IntConsumer IGNORE = count -> { };

  enum State { OPEN, CLOSING, CLOSED }

  private final String id;
  private final EngineRequest request;
  private final int protocol;
  private final EngineOptions options;
  private final EngineListener listener;
  private final ScheduledExecutorService scheduler;
  private final Owner owner;
  private final SerialExecutor executor = new SerialExecutor();
  // fields and their updaters rather than atomics: one session per connection, 40 bytes less for each
  private static final AtomicIntegerFieldUpdater<EngineSession> QUEUED =
      AtomicIntegerFieldUpdater.newUpdater(EngineSession.class, "queued");
  private static final AtomicLongFieldUpdater<EngineSession> QUEUED_BYTES =
      AtomicLongFieldUpdater.newUpdater(EngineSession.class, "queuedBytes");
  private volatile int queued;
  /** The encoded bytes of the packets counted in {@link #queued}, bounded by sendBufferBytes. */
  private volatile long queuedBytes;

  // created while a sender waits for the buffer to drain (EngineSocket#drained), completed and dropped once it has
  private volatile CompletableFuture<Void> drainedFuture;
  private volatile long lastWrittenNanos = System.nanoTime();

  private volatile State state = State.OPEN;
  private volatile Transport transport;
  private final SendBuffer writeBuffer = new SendBuffer();
  private boolean bufferCompress;
  // Heartbeat: one timer at a time per session (idle memory), either the next PING (pingInterval) or the
  // PONG's deadline (pingTimeout); the two Runnables are made once per session, not per beat.
  private ScheduledFuture<?> heartbeatTask;
  private boolean awaitingPong;
  private long heartbeatDueNanos;
  private final Runnable heartbeatStep = this::onHeartbeat;
  private final Runnable heartbeatFired = () -> executor.execute(heartbeatStep);
  private ScheduledFuture<?> closeTimeoutTask;
  private WebSocketTransport probe;
  private boolean probed;
  private ScheduledFuture<?> upgradeTimeoutTask;
  private volatile boolean upgrading;
  private volatile boolean upgraded;
  private boolean announced;
  // the listeners of the session's own events, created by the first one added; the close reason for late ones
  private volatile SessionEvents events;
  private EngineCloseReason closeReason;
  private String closeDescription;

  EngineSession(String id, EngineRequest request, int protocol, EngineOptions options, EngineListener listener,
      ScheduledExecutorService scheduler, Owner owner) {
    this.id = id;
    this.request = request;
    this.protocol = protocol;
    this.options = options;
    this.listener = listener;
    this.scheduler = scheduler;
    this.owner = owner;
  }

  /**
   * What a session tells the engine that holds it: one object for every session of an engine, where callbacks made for
   * each session would cost each connection their bytes.
   */
  interface Owner {
    /** {@code session} is over: forget it. */
    void ended(EngineSession session);

    /** A request reached {@code session} after it closed: answer it as one for a closed session. */
    void answerClosed(EngineSession session, HttpExchange exchange);

    /** The client closed {@code session} by POST: its pending GET may still come, and gets a NOOP. */
    void closedByClient(EngineSession session);
  }

  /** A request found this session open but reached it after it closed: answered as for a closed session. */
  void answerClosed(HttpExchange exchange) {
    owner.answerClosed(this, exchange);
  }

  Executor executor() {
    return executor;
  }

  EngineOptions options() {
    return options;
  }

  Transport currentTransport() {
    return transport;
  }

  boolean upgradingOrUpgraded() {
    return upgrading || upgraded;
  }

  // ---- EngineSocket (any thread)

  @Override
  public String id() {
    return id;
  }

  @Override
  public String transport() {
    Transport t = transport;
    return t == null ? "polling" : t.name();
  }

  @Override
  public int protocol() {
    return protocol;
  }

  @Override
  public EngineRequest request() {
    return request;
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public boolean isWritable() {
    Transport t = transport;
    if (state != State.OPEN || t == null) {
      return false;
    }
    return t.writable(queued == 0);
  }

  @Override
  public boolean send(List<EngineIoPacket> packets, boolean compress) {
    return send(packets, compress, false, null, null);
  }

  @Override
  public boolean send(List<EngineIoPacket> packets, boolean compress, boolean volatileFlag, String key,
      PacketSource source) {
    if (state != State.OPEN) {
      return false;
    }
    int n = packets.size();
    if (n == 0) {
      return true;
    }
    long bytes = bytes(packets);
    OverflowPolicy policy = source == null ? OverflowPolicy.REFUSE : source.overflowPolicy();
    // Under REFUSE the limits hold here. Otherwise room is made on the session's thread, which alone sees what waits
    // (makeRoom); the counters may pass the limits until then, but never twice over.
    int packetLimit = policy == OverflowPolicy.REFUSE && key == null ? options.sendBufferSize()
        : 2 * options.sendBufferSize();
    long byteLimit = policy == OverflowPolicy.REFUSE && key == null ? options.sendBufferBytes()
        : 2 * options.sendBufferBytes();
    if (QUEUED.addAndGet(this, n) > packetLimit) {
      QUEUED.addAndGet(this, -n);
      return false;
    }
    long before = QUEUED_BYTES.getAndAdd(this, bytes);
    if (before > 0 && before + bytes > byteLimit) {
      // over the byte budget; an empty buffer takes any one message, so a large one is never refused for ever
      QUEUED_BYTES.addAndGet(this, -bytes);
      QUEUED.addAndGet(this, -n);
      return false;
    }
    List<EngineIoPacket> copy = List.copyOf(packets);
    packetsCreated(copy);
    executor.execute(() -> {
      if (state != State.OPEN) {
        QUEUED.addAndGet(this, -n);
        QUEUED_BYTES.addAndGet(this, -bytes);
        signalDrained();
        return;
      }
      SendBuffer.Group group = new SendBuffer.Group(copy, bytes, volatileFlag, key, source);
      SendBuffer.Group replaced = writeBuffer.add(group);
      if (replaced != null) {
        release(replaced);
        replaced.source().dropped(1, true);
      }
      bufferCompress |= compress;
      if (overLimits() && !makeRoom(group, policy)) {
        return;
      }
      flush();
    });
    return true;
  }

  private boolean overLimits() {
    return queued > options.sendBufferSize() || queuedBytes > options.sendBufferBytes();
  }

  /**
   * The buffer is over its limits after {@code added}: drops what {@code policy} lets go, oldest first. When that is
   * not enough and more than {@code added} waits, a volatile {@code added} is dropped; any other closes the session
   * ("send buffer full"), so that the client reconnects and recovers what it missed. Returns whether still open.
   */
  private boolean makeRoom(SendBuffer.Group added, OverflowPolicy policy) {
    if (added.source() != null) {
      added.source().full();
    }
    SendBuffer.Group victim;
    while (overLimits() && (victim = writeBuffer.evict(policy, added)) != null) {
      release(victim);
      victim.source().dropped(1, false);
    }
    if (!overLimits() || writeBuffer.size() == 1) {
      return true;
    }
    if (added.volatileFlag()) {
      writeBuffer.remove(added);
      release(added);
      added.source().dropped(1, false);
      return true;
    }
    finish(EngineCloseReason.SEND_BUFFER_FULL, "send buffer full", CLOSE);
    return false;
  }

  /** A waiting group was dropped: it no longer counts against the buffer. */
  private void release(SendBuffer.Group group) {
    QUEUED.addAndGet(this, -group.packets().size());
    QUEUED_BYTES.addAndGet(this, -group.bytes());
    signalDrained();
  }

  @Override
  public void close() {
    executor.execute(this::closeGracefully);
  }

  @Override
  public void close(EngineCloseReason reason, String description) {
    executor.execute(() -> finish(reason, description, CLOSE));
  }

  @Override
  public long bufferedBytes() {
    return queuedBytes;
  }

  @Override
  public boolean isCongested() {
    return queuedBytes > options.sendBufferHighWaterBytes() || queued > options.sendBufferSize() / 2;
  }

  /** Back at half the high-water marks: where a congested session counts as drained again (hysteresis). */
  private boolean belowLowWater() {
    return queuedBytes <= options.sendBufferHighWaterBytes() / 2 && queued <= options.sendBufferSize() / 4;
  }

  @Override
  public long lastWrittenNanos() {
    return lastWrittenNanos;
  }

  @Override
  public CompletableFuture<Void> drained() {
    if (state == State.CLOSED || !isCongested()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> future;
    synchronized (this) {
      future = drainedFuture;
      if (future == null) {
        future = new CompletableFuture<>();
        drainedFuture = future;
      }
    }
    // the buffer may have drained between the check above and the publication of the future
    signalDrained();
    return future;
  }

  /** Completes a waiting {@link #drained()} future once the buffer is back under its low-water marks or closed. */
  private void signalDrained() {
    CompletableFuture<Void> future = drainedFuture;
    if (future != null && (state == State.CLOSED || belowLowWater())) {
      synchronized (this) {
        if (drainedFuture == future) {
          drainedFuture = null;
        }
      }
      future.complete(null);
    }
  }

  private SessionEvents events() {
    SessionEvents ev = events;
    if (ev == null) {
      synchronized (this) {
        ev = events;
        if (ev == null) {
          ev = new SessionEvents();
          events = ev;
        }
      }
    }
    return ev;
  }

  @Override
  public EngineSocket onUpgrade(Consumer<String> listener) {
    events().upgrade.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public EngineSocket onPacket(Consumer<EngineIoPacket> listener) {
    events().packet.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public EngineSocket onPacketCreate(Consumer<EngineIoPacket> listener) {
    events().packetCreate.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public EngineSocket onDrain(Runnable listener) {
    events().drain.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public EngineSocket onClose(BiConsumer<EngineCloseReason, String> listener) {
    Objects.requireNonNull(listener, "listener");
    // on the session's executor, where finish() runs: the listener is either called by it or told here at once
    executor.execute(() -> {
      if (state == State.CLOSED) {
        SessionEvents.closed(id, listener, closeReason, closeDescription);
      } else {
        events().close.add(listener);
      }
    });
    return this;
  }

  private void packetsCreated(List<EngineIoPacket> packets) {
    SessionEvents ev = events;
    if (ev != null) {
      for (EngineIoPacket p : packets) {
        ev.created(id, p);
      }
    }
  }

  @Override
  public String toString() {
    return "EngineSession{" + id + ", " + transport() + ", " + state + "}";
  }

  // ---- life cycle (serial executor)

  /** Starts the session on {@code first}: the OPEN packet, the listener, the heartbeat. */
  void start(Transport first, String handshakeJson, HttpExchange handshakeGet) {
    transport = first;
    EngineIoPacket open = EngineIoPacket.of(EngineIoPacketType.OPEN, handshakeJson);
    long bytes = EngineIoCodec.encodedTextLength(open);
    writeBuffer.add(new SendBuffer.Group(List.of(open), bytes, false, null, null));
    QUEUED.incrementAndGet(this);
    QUEUED_BYTES.addAndGet(this, bytes);
    first.begin(handshakeGet, this::flush);
    announced = true;
    try {
      listener.onOpen(this);
    } catch (RuntimeException e) {
      log.error("listener onOpen failed for session {}", id, e);
    }
    if (protocol == 3) {
      awaitPing();
    } else {
      schedulePing();
    }
  }

  private void sendInternal(EngineIoPacket packet) {
    if (state == State.OPEN) {
      packetsCreated(List.of(packet));
      long bytes = EngineIoCodec.encodedTextLength(packet);
      writeBuffer.add(new SendBuffer.Group(List.of(packet), bytes, false, null, null));
      QUEUED.incrementAndGet(this);
      QUEUED_BYTES.addAndGet(this, bytes);
      flush();
    }
  }

  /** Writes the buffer if the transport can take it now (the reference's {@code flush}). */
  private void flush() {
    flush(false);
  }

  /** {@link #flush()}; {@code pastHighWater} for a close, which writes what is left whatever the binding holds. */
  private void flush(boolean pastHighWater) {
    Transport t = transport;
    if (state == State.CLOSED || t == null || writeBuffer.isEmpty()
        || !(pastHighWater ? t.canSendPastHighWater() : t.canSend())) {
      return;
    }
    List<EngineIoPacket> batch = writeBuffer.packets();
    int buffered = batch.size();
    boolean closing = state == State.CLOSING && t.closesInPayload();
    if (closing) {
      // Reference polling.ts send(): an orderly close waiting for a GET appends CLOSE to the payload.
      batch.add(CLOSE);
    }
    boolean compress = bufferCompress;
    // the packets taken stay counted against the send buffer until the transport says they left (Transport#send)
    int taken = t.send(batch, compress, count -> {
      lastWrittenNanos = System.nanoTime();
      int fromBuffer = Math.min(count, buffered);
      QUEUED_BYTES.addAndGet(this, -bytes(batch.subList(0, fromBuffer)));
      if (QUEUED.addAndGet(this, -fromBuffer) == 0) {
        executor.execute(this::maybeDrain);
      }
      signalDrained();
    });
    writeBuffer.taken(Math.min(taken, buffered));
    if (writeBuffer.isEmpty()) {
      bufferCompress = false;
    }
    if (closing && taken == batch.size()) {
      finish(EngineCloseReason.FORCED_CLOSE, null, null);
    }
  }

  /** The reference's {@code drain}: told when the buffer is empty and the transport can take more. */
  private void maybeDrain() {
    // never before onOpen: the handshake's own flush is not news to the listener; and only once what was handed to
    // the binding is mostly written (back under the low-water marks), so that a sender told may send again
    if (announced && state == State.OPEN && isWritable() && belowLowWater()) {
      try {
        listener.onDrain(this);
      } catch (RuntimeException e) {
        log.error("listener onDrain failed for session {}", id, e);
      }
      SessionEvents ev = events;
      if (ev != null) {
        ev.drained(id);
      }
    }
  }

  /** The WebSocket's outbound buffer went under its low-water mark. */
  void onTransportWritable(Transport from) {
    if (from == transport) {
      flush();
      // drained only once nothing waits here any more (the reference's 'drain': the write buffer is empty); what
      // this flush handed over is told by its written callbacks, or by the binding's next turn
      if (writeBuffer.isEmpty()) {
        maybeDrain();
      }
    }
  }

  static long bytes(Iterable<EngineIoPacket> packets) {
    long total = 0;
    for (EngineIoPacket packet : packets) {
      total += EngineIoCodec.encodedTextLength(packet);
    }
    return total;
  }

  /** A long-polling GET is waiting: write what is queued, or a NOOP while an upgrade is being probed. */
  void onPollReady(PollingTransport polling) {
    if (polling != transport) {
      polling.close(NOOP);
      return;
    }
    if (!writeBuffer.isEmpty() || state == State.CLOSING) {
      if (writeBuffer.isEmpty()) {
        polling.send(List.of(CLOSE), false, IGNORE);
        finish(EngineCloseReason.FORCED_CLOSE, null, null);
        return;
      }
      flush();
    } else if (probed) {
      scheduleUpgradeCheck(polling);
    }
  }

  /**
   * Reference socket.ts _maybeUpgrade: once the probe succeeded, a check every 100 ms ends a waiting GET with NOOP,
   * so that the client can pause polling and send UPGRADE.
   */
  private void scheduleUpgradeCheck(Transport polling) {
    schedule(() -> executor.execute(() -> {
      if (transport == polling && polling.canSend() && writeBuffer.isEmpty()) {
        polling.send(List.of(NOOP), false, IGNORE);
      }
    }), UPGRADE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A packet from {@code from} (the current transport or the upgrade probe). */
  void onPacket(Transport from, EngineIoPacket packet) {
    if (from == probe && from != transport) {
      onProbePacket(packet);
      return;
    }
    if (from != transport || state != State.OPEN) {
      return;
    }
    SessionEvents ev = events;
    if (ev != null) {
      ev.received(id, packet);
    }
    switch (packet.type()) {
      case PONG:
        if (protocol == 3) {
          // v3 heartbeats go from client to server (engine.io-protocol v3, "Timeouts"); the reference closes on this
          finish(EngineCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction", CLOSE);
          break;
        }
        schedulePing();
        break;
      case MESSAGE:
        try {
          listener.onMessage(this, packet);
        } catch (RuntimeException e) {
          log.error("listener onMessage failed for session {}", id, e);
        }
        break;
      case PING:
        if (protocol == 3) {
          // engine.io-protocol v3, "2 ping": the server answers with a pong carrying the same data
          sendInternal(packet.text() == null ? PONG : EngineIoPacket.of(EngineIoPacketType.PONG, packet.text()));
          awaitPing();
          break;
        }
        // v4 heartbeats go from server to client only (spec "Heartbeat"); the reference closes on this.
        finish(EngineCloseReason.TRANSPORT_ERROR, "invalid heartbeat direction", CLOSE);
        break;
      case CLOSE:
        // Spec "Packet encoding": CLOSE means the transport may be closed. Over polling the reference ends the
        // session on it; over WebSocket it ignores it (official clients just close the socket). Closing on it over
        // both is deliberate: a client that says it is done is not kept alive until the heartbeat notices.
        onClientClose(from);
        break;
      default:
        // OPEN, UPGRADE and NOOP from the client mean nothing on an established transport: ignored, as the reference.
        break;
    }
  }

  void onClientClose(Transport from) {
    if (from == transport) {
      if (from.expectsLateRequest()) {
        // A GET the client sent before its CLOSE may still be on its way on another connection. The reference,
        // reading requests in arrival order, would answer it with NOOP.
        owner.closedByClient(this);
      }
      finish(EngineCloseReason.TRANSPORT_CLOSE, null, NOOP);
    } else if (from == probe) {
      cancelProbe();
    }
  }

  void onParseError(Transport from, String description) {
    if (from == probe && from != transport) {
      cancelProbe();
    } else if (from == transport) {
      finish(EngineCloseReason.PARSE_ERROR, description, CLOSE);
    }
  }

  void onTransportError(Transport from, String description) {
    if (from == probe && from != transport) {
      cancelProbe();
    } else if (from == transport) {
      finish(EngineCloseReason.TRANSPORT_ERROR, description, CLOSE);
    }
  }

  void onTransportClose(Transport from) {
    if (from == probe && from != transport) {
      cancelProbe();
    } else if (from == transport) {
      finish(EngineCloseReason.TRANSPORT_CLOSE, null, null);
    }
  }

  // ---- heartbeat (spec "Heartbeat"): PING every pingInterval, PONG due within pingTimeout

  /** The next PING in pingInterval (at open, and on each PONG, as the reference's resetPingTimeout/schedulePing). */
  private void schedulePing() {
    armHeartbeat(false, options.pingIntervalMillis());
  }

  /**
   * Engine.IO v3 (engine.io-protocol v3, "Timeouts"): the client pings; without a PING within pingInterval +
   * pingTimeout the session times out (at open, and on each PING, as the reference's resetPingTimeout).
   */
  private void awaitPing() {
    armHeartbeat(true, options.pingIntervalMillis() + options.pingTimeoutMillis());
  }

  private void armHeartbeat(boolean pong, long delayMillis) {
    cancel(heartbeatTask);
    awaitingPong = pong;
    // taken before scheduling: the timer fires at or after its own later reading of the clock
    heartbeatDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
    heartbeatTask = schedule(heartbeatFired, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** The heartbeat timer fired (on the session's executor): PING, or the PONG did not come within pingTimeout. */
  private void onHeartbeat() {
    if (System.nanoTime() - heartbeatDueNanos < 0) {
      // a firing queued just before a PONG re-armed the timer: the beat it was for is over
      return;
    }
    if (awaitingPong) {
      if (state != State.CLOSED) {
        finish(EngineCloseReason.PING_TIMEOUT, null, CLOSE);
      }
    } else if (state == State.OPEN) {
      sendInternal(PING);
      if (state != State.CLOSED) {
        armHeartbeat(true, options.pingTimeoutMillis());
      }
    }
  }

  // ---- upgrade (spec "Upgrade")

  /** A WebSocket for this session's id opened: it may become the transport after {@code 2probe}/{@code 5}. */
  void onProbeOpen(WebSocketTransport candidate) {
    if (state != State.OPEN || upgrading || upgraded || !transport.upgradable()) {
      // Reference server.ts onWebSocket: a second upgrade attempt, or one for a closing session, is closed.
      candidate.close(null);
      return;
    }
    upgrading = true;
    probe = candidate;
    probed = false;
    upgradeTimeoutTask = schedule(() -> executor.execute(() -> {
      if (probe == candidate) {
        cancelProbe();
      }
    }), options.upgradeTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  private void onProbePacket(EngineIoPacket packet) {
    WebSocketTransport candidate = probe;
    if (packet.type() == EngineIoPacketType.PING && "probe".equals(packet.text())) {
      candidate.send(List.of(PROBE_ANSWER), false, IGNORE);
      probed = true;
      if (transport.canSend()) {
        scheduleUpgradeCheck(transport);
      }
    } else if (packet.type() == EngineIoPacketType.UPGRADE && state != State.CLOSED) {
      cancel(upgradeTimeoutTask);
      Transport old = transport;
      probe = null;
      upgrading = false;
      upgraded = true;
      transport = candidate;
      // Reference socket.ts: the polling transport is discarded; a GET still held is ended with NOOP.
      old.closeForUpgrade();
      SessionEvents ev = events;
      if (ev != null) {
        ev.upgraded(id, candidate.name());
      }
      if (state == State.CLOSING) {
        finish(EngineCloseReason.FORCED_CLOSE, null, null);
        return;
      }
      flush();
    } else {
      cancelProbe();
    }
  }

  private void cancelProbe() {
    WebSocketTransport candidate = probe;
    probe = null;
    probed = false;
    upgrading = false;
    cancel(upgradeTimeoutTask);
    if (candidate != null) {
      candidate.close(null);
    }
  }

  // ---- closing

  /** {@link #close()}: the reference's {@code socket.close()}: written what is queued, then closes. */
  private void closeGracefully() {
    if (state != State.OPEN) {
      return;
    }
    state = State.CLOSING;
    Transport t = transport;
    if (!t.closesInPayload()) {
      flush(true);
      finish(EngineCloseReason.FORCED_CLOSE, null, null);
      return;
    }
    if (t.canSend()) {
      if (writeBuffer.isEmpty()) {
        t.send(List.of(CLOSE), false, IGNORE);
        finish(EngineCloseReason.FORCED_CLOSE, null, null);
      } else {
        flush();
      }
      return;
    }
    // Reference polling.ts doClose: no GET to carry CLOSE yet: wait for one, at most closeTimeout.
    closeTimeoutTask = schedule(() -> executor.execute(() -> finish(EngineCloseReason.FORCED_CLOSE, null,
        null)), options.closeTimeoutMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes now for the server's shutdown: a held GET gets CLOSE. */
  void shutdown() {
    executor.execute(() -> finish(EngineCloseReason.SERVER_SHUTTING_DOWN, null, CLOSE));
  }

  /**
   * Ends the session once: stops timers, closes transports ({@code last} answers a held GET), forgets the session,
   * tells the listener.
   */
  private void finish(EngineCloseReason reason, String description, EngineIoPacket last) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    closeReason = reason;
    closeDescription = description;
    cancel(heartbeatTask);
    heartbeatTask = null;
    cancel(closeTimeoutTask);
    cancelProbe();
    writeBuffer.clear();
    queued = 0;
    queuedBytes = 0;
    signalDrained();
    Transport t = transport;
    if (t != null) {
      t.close(last);
    }
    owner.ended(this);
    log.debug("session {} closed: {} {}", id, reason.reason(), description == null ? "" : description);
    try {
      listener.onClose(this, reason, description);
    } catch (RuntimeException e) {
      log.error("listener onClose failed for session {}", id, e);
    }
    SessionEvents ev = events;
    if (ev != null) {
      for (BiConsumer<EngineCloseReason, String> l : ev.close) {
        SessionEvents.closed(id, l, reason, description);
      }
    }
  }

  /** Schedules {@code task} on the engine's timer; nothing when the engine is shutting down. */
  private ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    try {
      return scheduler.schedule(task, delay, unit);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }
}
