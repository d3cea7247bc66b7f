package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.OverflowPolicy;
import dev.sio4j.engine.PacketSource;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.AnyListener;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.DisconnectListener;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ErrorListener;
import dev.sio4j.server.EventListener;
import dev.sio4j.server.Handshake;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.PacketMiddleware;
import dev.sio4j.server.SendBufferFullException;
import dev.sio4j.server.SlowConsumer;
import dev.sio4j.server.SlowConsumerPolicy;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketDisconnectedException;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.LocalSocket;
import dev.sio4j.server.adapter.RestoredSession;
import dev.sio4j.server.adapter.SessionState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket: one client in one namespace. Incoming packets arrive from the connection on an I/O thread and are queued
 * on the socket's {@link SerialExecutor}; listeners run there, one at a time, in order. Emits go straight to the
 * Engine.IO session from the calling thread.
 */
final class SocketImpl implements Socket, LocalSocket, PacketSource {
  private static final Logger log = LoggerFactory.getLogger(SocketImpl.class);

  /** How an emit is sent: the volatile/compress/timeout operators. */
  record Flags(boolean volatileFlag, boolean compress, long timeoutMillis, String key) {
    static final Flags DEFAULT = new Flags(false, true, 0, null);
  }


  private final NamespaceImpl namespace;
  private final ClientConnection client;
  private final String id;
  private final Handshake handshake;
  final SerialExecutor serial;
  // created on first use (an idle socket should cost little): most sockets never touch data()
  private volatile Map<String, Object> data;
  private final EventListeners listeners = new EventListeners();
  private final PendingAcks acks = new PendingAcks();
  // a field and its updater rather than an AtomicBoolean: one per socket, 16 bytes
  private static final AtomicIntegerFieldUpdater<SocketImpl> CLOSING =
      AtomicIntegerFieldUpdater.newUpdater(SocketImpl.class, "closing");
  private volatile int closing;
  private volatile boolean connected;
  private volatile DisconnectReason closeReason;
  // Connection state recovery: the private session id (null when recovery is off), the session found again and the
  // offset the client last processed (both null unless recovered).
  private final String pid;
  private final RestoredSession restored;
  private final String restoredFrom;
  private final SocketOutbox outbox;
  // set once its send buffer was full: reported once per socket
  private volatile boolean slow;

  SocketImpl(NamespaceImpl namespace, ClientConnection client, String id, Handshake handshake) {
    this(namespace, client, id, handshake, null, null);
  }

  /**
   * A socket; {@code restored} (with the client's {@code offset}) when its session was found again, then {@code id}
   * is the session's.
   */
  SocketImpl(NamespaceImpl namespace, ClientConnection client, String id, Handshake handshake,
      RestoredSession restored, String offset) {
    this.namespace = namespace;
    this.client = client;
    this.id = id;
    this.handshake = handshake;
    this.serial = new SerialExecutor(namespace.server.socketHandlers);
    // held writes before the CONNECT answer: bounded like the incoming queue
    this.outbox = new SocketOutbox(client.engine(), this, namespace.server.options.maxPendingPackets(),
        namespace.server.emissions, this::overflow);
    this.restored = restored;
    this.restoredFrom = offset;
    if (restored != null) {
      this.pid = restored.state().pid();
      data().putAll(restored.state().data());
    } else {
      // a revision 4 client cannot recover: it is never told a pid
      this.pid = namespace.server.options.connectionStateRecovery().isPresent() && !client.revision4()
          ? namespace.server.newId() : null;
    }
  }

  // --- identity ------------------------------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public Set<String> rooms() {
    return namespace.adapter().socketRooms(id);
  }

  @Override
  public Map<String, Object> data() {
    Map<String, Object> map = data;
    if (map == null) {
      synchronized (this) {
        map = data;
        if (map == null) {
          map = new ConcurrentHashMap<>();
          data = map;
        }
      }
    }
    return map;
  }

  @Override
  public Namespace namespace() {
    return namespace;
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public boolean recovered() {
    return restored != null;
  }

  @Override
  public String connectionId() {
    return client.engine().id();
  }

  @Override
  public String transport() {
    return client.engine().transport();
  }

  @Override
  public EngineSocket conn() {
    return client.engine();
  }

  @Override
  public Socket socket() {
    return this;
  }

  // --- rooms -----------------------------------------------------------------------------------------------------

  @Override
  public void join(String... rooms) {
    namespace.adapter().addAll(id, Set.of(rooms));
  }

  @Override
  public void leave(String room) {
    namespace.adapter().del(id, room);
  }

  // --- listeners -------------------------------------------------------------------------------------------------

  @Override
  public Socket on(String event, EventListener listener) {
    listeners.add(event, listener, false);
    return this;
  }

  @Override
  public Socket once(String event, EventListener listener) {
    listeners.add(event, listener, true);
    return this;
  }

  @Override
  public Socket off(String event, EventListener listener) {
    listeners.remove(event, listener);
    return this;
  }

  @Override
  public Socket off(String event) {
    listeners.removeAll(event);
    return this;
  }

  @Override
  public Socket onAny(AnyListener listener) {
    listeners.addAny(listener, false);
    return this;
  }

  @Override
  public Socket prependAny(AnyListener listener) {
    listeners.addAny(listener, true);
    return this;
  }

  @Override
  public Socket offAny(AnyListener listener) {
    listeners.removeAny(listener);
    return this;
  }

  @Override
  public Socket offAny() {
    listeners.clearAny();
    return this;
  }

  @Override
  public Socket onAnyOutgoing(AnyListener listener) {
    listeners.addAnyOutgoing(listener, false);
    return this;
  }

  @Override
  public Socket prependAnyOutgoing(AnyListener listener) {
    listeners.addAnyOutgoing(listener, true);
    return this;
  }

  @Override
  public Socket offAnyOutgoing(AnyListener listener) {
    listeners.removeAnyOutgoing(listener);
    return this;
  }

  @Override
  public Socket onDisconnecting(DisconnectListener listener) {
    listeners.addDisconnecting(listener);
    return this;
  }

  @Override
  public Socket onDisconnect(DisconnectListener listener) {
    listeners.addDisconnected(listener);
    return this;
  }

  @Override
  public Socket onError(ErrorListener listener) {
    listeners.addError(listener);
    return this;
  }

  @Override
  public Socket use(PacketMiddleware middleware) {
    listeners.addMiddleware(middleware);
    return this;
  }

  // --- outgoing --------------------------------------------------------------------------------------------------

  @Override
  public boolean emit(String event, Object... args) {
    return emit(Flags.DEFAULT, event, args);
  }

  boolean emit(Flags flags, String event, Object... args) {
    ArrayNode eventData = Values.eventData(namespace.server.mapper, event, args);
    SocketIoPacket packet = SocketIoPacket.event(namespace.name(), eventData, SocketIoPacket.NO_ACK);
    return namespace.server.emissions.emitting(namespace.name(), event,
        () -> emit(flags, event, eventData, packet));
  }

  private boolean emit(Flags flags, String event, ArrayNode eventData, SocketIoPacket packet) {
    if (pid != null && !flags.volatileFlag()) {
      DisconnectReason reason = closeReason;
      if (!connected && (reason == null || !reason.recoverable())) {
        return false;
      }
      // As the reference with recovery on: through the adapter to the socket's own room, so that the event is kept
      // (with an offset) and replayed should the connection drop before it arrives, or be away now for a recoverable
      // reason (the socket gets it on recovery). The adapter tells the outgoing listeners, offset included.
      namespace.adapter().broadcast(packet,
          new BroadcastOptions(Set.of(id), Set.of(), false, flags.compress(), false, 0));
      return true;
    }
    notifyOutgoing(event, eventData);
    return send(packet, flags);
  }

  @Override
  public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
    return emitWithAck(Flags.DEFAULT, event, args);
  }

  CompletableFuture<Arguments> emitWithAck(Flags flags, String event, Object... args) {
    ArrayNode eventData = Values.eventData(namespace.server.mapper, event, args);
    CompletableFuture<Arguments> future = new CompletableFuture<>();
    if (!connected) {
      future.completeExceptionally(new SocketDisconnectedException(id, null));
      return future;
    }
    long ackId = namespace.nextAckId();
    acks.put(ackId, future::complete, reason -> future.completeExceptionally(
        reason == DisconnectReason.SEND_BUFFER_FULL ? new SendBufferFullException(id)
            : new SocketDisconnectedException(id, reason)));
    if (flags.timeoutMillis() > 0) {
      var timer = namespace.server.scheduler.schedule(() -> {
        if (acks.take(ackId) != null) {
          // on a handler thread but not behind this socket's handlers: one of them may be waiting for this future
          namespace.server.execute(
              () -> future.completeExceptionally(new AckTimeoutException(flags.timeoutMillis(), List.of())));
        }
      }, flags.timeoutMillis(), TimeUnit.MILLISECONDS);
      future.whenComplete((r, e) -> timer.cancel(false));
    }
    notifyOutgoing(event, eventData);
    namespace.server.emissions.emitting(namespace.name(), event, () -> {
      // when the send buffer was full, the connection closed and failed this ack with SendBufferFullException already
      if (!send(SocketIoPacket.event(namespace.name(), eventData, ackId), flags) && acks.take(ackId) != null) {
        future.completeExceptionally(new SocketDisconnectedException(id, null));
      }
      return true;
    });
    return future;
  }

  @Override
  public void notifyOutgoing(SocketIoPacket packet) {
    // arguments decoded only when someone listens: a broadcast to sockets without such listeners pays nothing
    if (!listeners.anyOutgoing().isEmpty() && connected && packet.data() instanceof ArrayNode data) {
      notifyOutgoing(packet.eventName(), data);
    }
  }

  private void notifyOutgoing(String event, ArrayNode eventData) {
    List<AnyListener> anyOutgoing = listeners.anyOutgoing();
    if (anyOutgoing.isEmpty()) {
      return;
    }
    Arguments args = Values.arguments(namespace.server.mapper, eventData, 1);
    for (AnyListener listener : anyOutgoing) {
      try {
        listener.onEvent(event, args);
      } catch (Exception e) {
        log.error("outgoing listener failed", e);
      }
    }
  }

  /** @return false when the answer could not be sent: the socket left, or its connection closed (buffer full) */
  boolean sendAck(long ackId, Object[] args) {
    return namespace.server.emissions.emitting(namespace.name(), null, () -> send(
        SocketIoPacket.ack(namespace.name(), ackId, Values.array(namespace.server.mapper, args)), Flags.DEFAULT));
  }

  private boolean send(SocketIoPacket packet, Flags flags) {
    if (!connected) {
      return false;
    }
    List<EngineIoPacket> encoded = namespace.server.encoder.encode(packet);
    return write(encoded, flags.volatileFlag(), flags.compress(), flags.key());
  }

  private boolean write(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress, String key) {
    return outbox.write(packets, volatileFlag, compress, key, null);
  }

  @Override
  public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options) {
    return deliver(packets, options, null);
  }

  @Override
  public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options, String offset) {
    return connected && outbox.write(packets, options.volatileFlag(), options.compress(), options.key(), offset);
  }

  /**
   * A packet for this socket could not be queued (its send buffer is full): the connection closes, so that the client
   * reconnects (and recovers, when recovery is on) instead of missing the packet unawares. Once per socket.
   */
  private void overflow() {
    if (closing != 0) {
      return;
    }
    reportSlow(false);
    EngineSocket engine = client.engine();
    log.warn("socket {} ({}): send buffer full ({} bytes waiting; limits {} packets, {} bytes): closing its connection "
        + "so that the client reconnects{}", id, engine.id(), engine.bufferedBytes(),
        namespace.server.options.engine().sendBufferSize(), namespace.server.options.engine().sendBufferBytes(),
        pid != null ? " and recovers what it missed" : "");
    namespace.server.emissions.failed(namespace.name(), id);
    client.overflow();
  }

  // ---- PacketSource: this socket, as its session's send buffer sees it

  @Override
  public OverflowPolicy overflowPolicy() {
    return namespace.slowConsumerPolicy().overflowPolicy();
  }

  @Override
  public void full() {
    reportSlow(true);
  }

  @Override
  public void dropped(int count, boolean superseded) {
    // what matters to the operator is reported once, by full(); single drops are not worth a call each
  }

  /**
   * The first time this socket's send buffer is full: told to the server's listeners, and logged ({@code log}: by
   * the caller otherwise, which closes the connection).
   */
  private void reportSlow(boolean log) {
    if (slow) {
      return;
    }
    slow = true;
    SlowConsumerPolicy policy = namespace.slowConsumerPolicy();
    long buffered = client.engine().bufferedBytes();
    if (log) {
      SocketImpl.log.warn("socket {} ({}): send buffer full ({} bytes waiting); policy {}: its waiting packets give "
          + "way (reported once per socket)", id, client.engine().id(), buffered, policy);
    }
    namespace.server.slowConsumer(new SlowConsumer(this, policy, buffered));
  }

  @Override
  public void expectAck(long ackId, Consumer<Arguments> ack) {
    acks.put(ackId, ack, reason -> { });
  }

  @Override
  public Socket asVolatile() {
    return new SocketView(this, new Flags(true, true, 0, null));
  }

  @Override
  public Socket latest(String key) {
    return new SocketView(this, new Flags(false, true, 0, java.util.Objects.requireNonNull(key, "key")));
  }

  @Override
  public Socket compress(boolean compress) {
    return new SocketView(this, new Flags(false, compress, 0, null));
  }

  @Override
  public Socket timeout(Duration timeout) {
    return new SocketView(this, new Flags(false, true, SocketView.positiveMillis(timeout), null));
  }

  @Override
  public BroadcastOperator broadcast() {
    return namespace.except(id);
  }

  // --- incoming (called on the connection's I/O thread) -----------------------------------------------------------

  /** @return false when the socket's queue of pending packets is full (the caller closes the connection) */
  boolean onPacket(SocketIoPacket packet) {
    int limit = namespace.server.options.maxPendingPackets();
    switch (packet.type()) {
      case EVENT:
        return serial.offer(() -> dispatch(packet), limit);
      case ACK: {
        // Not queued behind the socket's handlers: a handler may block on emitWithAck(...).get(), and its answer must
        // still get through. Completed on a handler thread, never here on the I/O thread.
        PendingAcks.Pending ack = acks.take(packet.ackId());
        if (ack != null) {
          Arguments args = Values.arguments(namespace.server.mapper, packet.data(), 0);
          namespace.server.execute(() -> ack.onAck().accept(args));
        }
        return true;
      }
      case DISCONNECT:
        onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
        return true;
      default:
        return true;
    }
  }

  private void dispatch(SocketIoPacket packet) {
    if (!connected) {
      return;
    }
    EventImpl event = new EventImpl(this, packet.eventName(),
        Values.arguments(namespace.server.mapper, packet.data(), 1), packet.ackId());
    Chain.run(listeners.middlewares(), (m, next) -> m.handle(event, next), serial, () -> listeners.deliver(event), this::fireError);
  }

  private void fireError(Exception error) {
    List<ErrorListener> errorListeners = listeners.errors();
    if (errorListeners.isEmpty()) {
      log.warn("socket {} error (no error listener): {}", id, error.toString());
      return;
    }
    for (ErrorListener listener : errorListeners) {
      try {
        listener.onError(error);
      } catch (Exception e) {
        log.error("error listener failed", e);
      }
    }
  }

  // --- lifecycle -------------------------------------------------------------------------------------------------

  /**
   * Passed the middlewares (or skipped them, recovered): joins the namespace and its rooms, runs {@code attached},
   * answers the CONNECT, replays what a recovered socket missed, sends what was held meanwhile, then runs the
   * connection listeners. On the socket's handler executor.
   */
  void connect(Runnable attached) {
    connected = true;
    namespace.add(this);
    if (restored != null) {
      namespace.adapter().addAll(id, restored.state().rooms());
    }
    boolean open = client.attach(this);
    attached.run();
    if (!open) {
      // the connection closed while the middlewares ran: the socket never joined, as in the reference
      closing = 1;
      connected = false;
      namespace.remove(this);
      client.detach(this);
      namespace.adapter().delAll(id);
      return;
    }
    if (restored == null) {
      goLive(List.of());
      return;
    }
    // Second look, now that live broadcasts reach this socket (held): the packets kept between the first look and the
    // join. Those also held are skipped by offset, so each missed packet is sent once, in order. It reads on from the
    // last packet the first look found (each ends with its offset, see Adapter.restoreSession), not again from the
    // client's offset: a cluster adapter reads and decodes every kept packet in that range, and after a rolling
    // restart's wave of reconnections, reading each range twice is much of a node's work.
    List<ArrayNode> first = restored.missedPackets();
    String from = first.isEmpty() ? restoredFrom : lastOffset(first);
    CompletableFuture<RestoredSession> again;
    try {
      again = namespace.adapter().restoreSession(pid, from);
    } catch (RuntimeException e) {
      again = CompletableFuture.failedFuture(e);
    }
    again.whenComplete((session, error) -> serial.execute(
        () -> goLive(session == null ? first : concat(first, session.missedPackets()))));
  }

  /** The offset of the last of {@code missed} packets: its last argument. */
  private static String lastOffset(List<ArrayNode> missed) {
    ArrayNode last = missed.get(missed.size() - 1);
    return last.get(last.size() - 1).asText();
  }

  private static List<ArrayNode> concat(List<ArrayNode> first, List<ArrayNode> then) {
    if (then.isEmpty()) {
      return first;
    }
    List<ArrayNode> all = new ArrayList<>(first.size() + then.size());
    all.addAll(first);
    all.addAll(then);
    return all;
  }

  private void goLive(List<ArrayNode> missed) {
    if (!connected) {
      return;
    }
    // Socket.IO revision 4 answers CONNECT without payload (reference socket.ts _onconnect)
    ObjectNode answer = client.revision4() ? null : JsonNodeFactory.instance.objectNode().put("sid", id);
    if (pid != null) {
      // socket.io-protocol v5: the private session id the client presents to recover
      answer.put("pid", pid);
    }
    outbox.open(namespace.server.encoder.encode(SocketIoPacket.connect(namespace.name(), answer)), missed,
        namespace.name(), namespace.server.encoder);
    namespace.fireConnection(this);
  }

  @Override
  public void disconnect(boolean close) {
    if (!connected) {
      return;
    }
    if (close) {
      client.disconnectAll();
    } else {
      // socket.io-protocol, "Disconnection from a namespace": the DISCONNECT goes out once the socket is detached from
      // its connection, so that a CONNECT the client sends right after it finds the namespace free again
      onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT,
          () -> client.send(SocketIoPacket.disconnect(namespace.name())));
    }
  }

  /**
   * Leaves the namespace for {@code reason}, once: stops receiving broadcasts at once, fails the pending acks, then on
   * the handler executor runs the {@code disconnecting} listeners (still in the rooms), leaves the rooms and runs the
   * {@code disconnect} listeners.
   */
  void onClose(DisconnectReason reason) {
    onClose(reason, null);
  }

  private void onClose(DisconnectReason reason, Runnable detached) {
    if (!CLOSING.compareAndSet(this, 0, 1)) {
      return;
    }
    boolean wasConnected = connected;
    closeReason = reason;
    connected = false;
    outbox.close();
    namespace.remove(this);
    client.detach(this);
    if (detached != null && wasConnected) {
      detached.run();
    }
    List<PendingAcks.Pending> pending = acks.takeAll();
    if (!wasConnected) {
      return;
    }
    if (!pending.isEmpty()) {
      namespace.server.execute(() -> pending.forEach(ack -> ack.onDisconnect().accept(reason)));
    }
    // The session is persisted behind the handlers still queued (they may change rooms and data); a client coming
    // back meanwhile waits for it (NamespaceImpl#persisting) rather than missing it.
    CompletableFuture<Void> persisted = pid != null && reason.recoverable() ? namespace.persistingStarted(pid) : null;
    serial.execute(() -> {
      fireDisconnect(listeners.disconnecting(), reason);
      Set<String> rooms = persisted != null ? namespace.adapter().socketRooms(id) : null;
      namespace.adapter().delAll(id);
      if (persisted != null) {
        // persisted once out of its rooms: a recovered socket with the same id may join them from now on
        persist(rooms);
        namespace.persistingDone(pid, persisted);
      }
      fireDisconnect(listeners.disconnected(), reason);
    });
  }

  /**
   * Hands this socket's session to the adapter now, while it is still connected, behind its queued handlers: a
   * draining server does so before it closes the transport, so that the session is in the cluster's store before the
   * client can ask another server for it. Completes once the adapter kept it; at once without recovery.
   */
  CompletableFuture<Void> persistAhead() {
    if (pid == null) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> kept = new CompletableFuture<>();
    serial.execute(() -> {
      persist(namespace.adapter().socketRooms(id));
      namespace.adapter().sessionsPersisted().whenComplete((v, e) -> kept.complete(null));
    });
    return kept;
  }

  private void persist(Set<String> rooms) {
    try {
      Map<String, Object> kept = data == null ? new HashMap<>() : new HashMap<>(data);
      namespace.adapter().persistSession(new SessionState(id, pid, rooms, kept));
    } catch (RuntimeException e) {
      log.warn("socket {}: the adapter could not keep its session for recovery", id, e);
    }
  }

  private void fireDisconnect(List<DisconnectListener> list, DisconnectReason reason) {
    for (DisconnectListener listener : list) {
      try {
        listener.onDisconnect(this, reason);
      } catch (Exception e) {
        log.error("disconnect listener failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "Socket{" + id + ", " + namespace.name() + "}";
  }
}
