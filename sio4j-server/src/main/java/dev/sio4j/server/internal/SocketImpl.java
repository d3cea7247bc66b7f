package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.engine.EngineSocket;
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
import dev.sio4j.server.Socket;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.LocalSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A socket: one client in one namespace. Incoming packets arrive from the connection on an I/O thread and are queued
 * on the socket's {@link SerialExecutor}; listeners run there, one at a time, in order. Emits go straight to the
 * Engine.IO session from the calling thread.
 */
final class SocketImpl implements Socket, LocalSocket {
  private static final Logger log = LoggerFactory.getLogger(SocketImpl.class);

  /** How an emit is sent: the volatile/compress/timeout operators. */
  record Flags(boolean volatileFlag, boolean compress, long timeoutMillis) {
    static final Flags DEFAULT = new Flags(false, true, 0);
  }

  private record Registration(EventListener listener, boolean once) {}

  private record PendingAck(Consumer<Arguments> onAck, Consumer<DisconnectReason> onDisconnect) {}

  private final NamespaceImpl namespace;
  private final ClientConnection client;
  private final String id;
  private final Handshake handshake;
  final SerialExecutor serial;
  private final Map<String, Object> data = new ConcurrentHashMap<>();
  private final Map<String, List<Registration>> listeners = new ConcurrentHashMap<>();
  private final List<AnyListener> anyListeners = new CopyOnWriteArrayList<>();
  private final List<AnyListener> anyOutgoing = new CopyOnWriteArrayList<>();
  private final List<DisconnectListener> disconnecting = new CopyOnWriteArrayList<>();
  private final List<DisconnectListener> disconnected = new CopyOnWriteArrayList<>();
  private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();
  private final List<PacketMiddleware> middlewares = new CopyOnWriteArrayList<>();
  private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean connected;

  SocketImpl(NamespaceImpl namespace, ClientConnection client, String id, Handshake handshake) {
    this.namespace = namespace;
    this.client = client;
    this.id = id;
    this.handshake = handshake;
    this.serial = new SerialExecutor(namespace.server.handlers);
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
    return data;
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
    listeners.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(new Registration(listener, false));
    return this;
  }

  @Override
  public Socket once(String event, EventListener listener) {
    listeners.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(new Registration(listener, true));
    return this;
  }

  @Override
  public Socket off(String event, EventListener listener) {
    List<Registration> list = listeners.get(event);
    if (list != null) {
      for (Registration r : list) {
        if (r.listener() == listener) {
          list.remove(r);
          break;
        }
      }
    }
    return this;
  }

  @Override
  public Socket off(String event) {
    listeners.remove(event);
    return this;
  }

  @Override
  public Socket onAny(AnyListener listener) {
    anyListeners.add(listener);
    return this;
  }

  @Override
  public Socket prependAny(AnyListener listener) {
    anyListeners.add(0, listener);
    return this;
  }

  @Override
  public Socket offAny(AnyListener listener) {
    anyListeners.remove(listener);
    return this;
  }

  @Override
  public Socket offAny() {
    anyListeners.clear();
    return this;
  }

  @Override
  public Socket onAnyOutgoing(AnyListener listener) {
    anyOutgoing.add(listener);
    return this;
  }

  @Override
  public Socket offAnyOutgoing(AnyListener listener) {
    anyOutgoing.remove(listener);
    return this;
  }

  @Override
  public Socket onDisconnecting(DisconnectListener listener) {
    disconnecting.add(listener);
    return this;
  }

  @Override
  public Socket onDisconnect(DisconnectListener listener) {
    disconnected.add(listener);
    return this;
  }

  @Override
  public Socket onError(ErrorListener listener) {
    errorListeners.add(listener);
    return this;
  }

  @Override
  public Socket use(PacketMiddleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  // --- outgoing --------------------------------------------------------------------------------------------------

  @Override
  public boolean emit(String event, Object... args) {
    return emit(Flags.DEFAULT, event, args);
  }

  boolean emit(Flags flags, String event, Object... args) {
    ArrayNode eventData = Values.eventData(namespace.server.mapper, event, args);
    notifyOutgoing(event, eventData);
    return send(SocketIoPacket.event(namespace.name(), eventData, SocketIoPacket.NO_ACK), flags);
  }

  @Override
  public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
    return emitWithAck(Flags.DEFAULT, event, args);
  }

  CompletableFuture<Arguments> emitWithAck(Flags flags, String event, Object... args) {
    ArrayNode eventData = Values.eventData(namespace.server.mapper, event, args);
    CompletableFuture<Arguments> future = new CompletableFuture<>();
    if (!connected) {
      future.completeExceptionally(new IllegalStateException("socket " + id + " is disconnected"));
      return future;
    }
    long ackId = namespace.nextAckId();
    acks.put(ackId, new PendingAck(future::complete, reason -> future.completeExceptionally(
        new IllegalStateException("socket " + id + " disconnected (" + reason + ") before acknowledging"))));
    if (flags.timeoutMillis() > 0) {
      var timer = namespace.server.scheduler.schedule(() -> {
        if (acks.remove(ackId) != null) {
          // on a handler thread but not behind this socket's handlers: one of them may be waiting for this future
          namespace.server.execute(
              () -> future.completeExceptionally(new AckTimeoutException(flags.timeoutMillis(), List.of())));
        }
      }, flags.timeoutMillis(), TimeUnit.MILLISECONDS);
      future.whenComplete((r, e) -> timer.cancel(false));
    }
    notifyOutgoing(event, eventData);
    if (!send(SocketIoPacket.event(namespace.name(), eventData, ackId), flags) && acks.remove(ackId) != null) {
      future.completeExceptionally(new IllegalStateException("event dropped: socket " + id + " cannot send"));
    }
    return future;
  }

  private void notifyOutgoing(String event, ArrayNode eventData) {
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

  void sendAck(long ackId, Object[] args) {
    send(SocketIoPacket.ack(namespace.name(), ackId, Values.array(namespace.server.mapper, args)), Flags.DEFAULT);
  }

  private boolean send(SocketIoPacket packet, Flags flags) {
    if (!connected) {
      return false;
    }
    List<EngineIoPacket> encoded = namespace.server.encoder.encode(packet);
    return write(encoded, flags.volatileFlag(), flags.compress());
  }

  private boolean write(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress) {
    // volatile: dropped rather than queued when the transport is busy (the reference's "volatile" flag)
    if (volatileFlag && !client.engine().isWritable()) {
      return false;
    }
    return client.engine().send(packets, compress);
  }

  @Override
  public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options) {
    return connected && write(packets, options.volatileFlag(), options.compress());
  }

  @Override
  public void expectAck(long ackId, Consumer<Arguments> ack) {
    acks.put(ackId, new PendingAck(ack, reason -> { }));
  }

  @Override
  public Socket asVolatile() {
    return new SocketView(this, new Flags(true, true, 0));
  }

  @Override
  public Socket compress(boolean compress) {
    return new SocketView(this, new Flags(false, compress, 0));
  }

  @Override
  public Socket timeout(Duration timeout) {
    return new SocketView(this, new Flags(false, true, SocketView.positiveMillis(timeout)));
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
        PendingAck ack = acks.remove(packet.ackId());
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
    Chain.run(middlewares, (m, next) -> m.handle(event, next), serial, () -> deliverEvent(event), this::fireError);
  }

  private void deliverEvent(EventImpl event) {
    for (AnyListener listener : anyListeners) {
      try {
        listener.onEvent(event.name(), event.arguments());
      } catch (Exception e) {
        log.error("catch-all listener failed on {}", event.name(), e);
      }
    }
    List<Registration> list = listeners.get(event.name());
    if (list == null) {
      return;
    }
    for (Registration registration : list) {
      if (registration.once() && !list.remove(registration)) {
        continue;
      }
      try {
        registration.listener().handle(event);
      } catch (Exception e) {
        log.error("listener of event {} failed", event.name(), e);
      }
    }
  }

  private void fireError(Exception error) {
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
   * Passed the middlewares: joins the namespace, runs {@code attached}, answers the CONNECT, then runs the connection
   * listeners.
   */
  void connect(Runnable attached) {
    connected = true;
    namespace.add(this);
    boolean open = client.attach(this);
    attached.run();
    if (!open) {
      // the connection closed while the middlewares ran: the socket never joined, as in the reference
      closing.set(true);
      connected = false;
      namespace.remove(this);
      client.detach(this);
      namespace.adapter().delAll(id);
      return;
    }
    client.send(SocketIoPacket.connect(namespace.name(), JsonNodeFactory.instance.objectNode().put("sid", id)));
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
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    boolean wasConnected = connected;
    connected = false;
    namespace.remove(this);
    client.detach(this);
    if (detached != null && wasConnected) {
      detached.run();
    }
    List<PendingAck> pending = new ArrayList<>(acks.values());
    acks.clear();
    if (!wasConnected) {
      return;
    }
    if (!pending.isEmpty()) {
      namespace.server.execute(() -> pending.forEach(ack -> ack.onDisconnect().accept(reason)));
    }
    serial.execute(() -> {
      fireDisconnect(disconnecting, reason);
      namespace.adapter().delAll(id);
      fireDisconnect(disconnected, reason);
    });
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
