package dev.sio4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.client.internal.ListenerList;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of one namespace, as the JS client's {@code Socket}: {@link #connect()}, {@link #emit},
 * {@link #emitWithAck}, {@link #on}, {@link #onAny}, {@link #disconnect()}.
 *
 * <p>Lifecycle: obtained from {@link Manager#socket} or {@link SocketIoClient}; {@link #connect()} joins the
 * namespace (opening the manager's connection if needed) and, after a connection loss, the manager reconnects and the
 * socket joins again by itself, sending the auth payload asked anew and, when the server keeps sessions (connection
 * state recovery), its session id and last offset ({@link #recovered()} then tells). {@link #disconnect()} leaves,
 * with no reconnection; {@link #close()} also releases the manager's threads once all its sockets are closed.
 *
 * <p>Emits made while disconnected are buffered (at most {@code maxBufferedPackets}) and sent in order on
 * connection; {@linkplain SocketEmitter#asVolatile() volatile} ones are dropped instead. Thread-safe: call from any
 * thread; listeners run on the manager's listener lane, one at a time, in the order events arrived.
 */
public final class Socket {
  private static final Logger log = LoggerFactory.getLogger(Socket.class);
  private static final Set<String> RESERVED = Collections.unmodifiableSet(new java.util.HashSet<>(Arrays.asList(
      "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener")));

  private final Manager io;
  private final String nsp;
  private final ClientOptions options;
  private final Map<String, ListenerList<EventListener>> listeners = new ConcurrentHashMap<>();
  private final ListenerList<AnyListener> anyListeners = new ListenerList<>();
  private final ListenerList<AnyListener> anyOutgoingListeners = new ListenerList<>();
  private final ListenerList<Runnable> connectListeners = new ListenerList<>();
  private final ListenerList<DisconnectListener> disconnectListeners = new ListenerList<>();
  private final ListenerList<java.util.function.Consumer<ConnectErrorException>> connectErrorListeners =
      new ListenerList<>();
  private volatile boolean connected;
  private volatile String id;
  private volatile boolean recovered;
  private volatile boolean active;
  private volatile boolean released;

  // Confined to the manager's event loop.
  private String pid;
  private String lastOffset;
  private final AckRegistry acks;
  // Small at first (ArrayDeque's default holds 16): an idle connection buffers nothing, and they grow as needed.
  private final ArrayDeque<SocketIoPacket> sendBuffer = new ArrayDeque<>(2);
  private final ArrayDeque<SocketIoPacket> receiveBuffer = new ArrayDeque<>(2);
  private final RetryQueue retryQueue;

  Socket(Manager io, String nsp, ClientOptions options) {
    this.io = io;
    this.nsp = nsp;
    this.options = options;
    this.retryQueue = new RetryQueue(this, options.retries());
    this.acks = new AckRegistry(io);
  }

  /** The namespace, e.g. {@code "/"} or {@code "/admin"}. */
  public String nsp() {
    return nsp;
  }

  public Manager io() {
    return io;
  }

  /** Whether the socket is connected to its namespace. */
  public boolean connected() {
    return connected;
  }

  /** The session id the server gave this namespace connection, or {@code null} while disconnected. */
  public String id() {
    return id;
  }

  /** Whether the last connection restored the previous session (connection state recovery): missed events follow. */
  public boolean recovered() {
    return recovered;
  }

  /** Whether the socket wants to be connected: true from {@link #connect()} to a disconnection without reconnection. */
  public boolean active() {
    return active;
  }

  boolean isReleased() {
    return released;
  }

  // ---- connection

  /** Joins the namespace, opening the manager's connection if needed. Returns at once; see {@link #onConnect}. */
  public Socket connect() {
    if (released) {
      throw new IllegalStateException("socket closed");
    }
    io.execute(() -> {
      if (connected) {
        return;
      }
      boolean wasActive = active;
      active = true;
      if (!io.reconnecting()) {
        io.open(null);
      }
      // An active socket already sent its CONNECT when the manager opened; a second one would join twice.
      if (io.isOpen() && !wasActive) {
        onManagerOpen();
      }
    });
    return this;
  }

  /** Leaves the namespace (telling the server) with no reconnection; {@link #connect()} may join again later. */
  public Socket disconnect() {
    io.execute(this::disconnectNow);
    return this;
  }

  /** Disconnects for good; once every socket of its manager is closed, the manager ends its threads. */
  public void close() {
    released = true;
    io.execute(() -> {
      disconnectNow();
      io.released(this);
    });
  }

  void disconnectNow() {
    boolean wasConnected = connected;
    if (wasConnected) {
      io.packet(SocketIoPacket.disconnect(nsp));
    }
    destroy();
    if (wasConnected) {
      onClose(DisconnectReason.IO_CLIENT_DISCONNECT, null);
    }
  }

  private void destroy() {
    if (active) {
      active = false;
      io.destroy(this);
    }
  }

  // ---- listeners

  /**
   * Listens to {@code event}. The JS client's reserved events work too, with JSON arguments: {@code connect} (none),
   * {@code disconnect} (the reason, e.g. {@code "io server disconnect"}), {@code connect_error}
   * ({@code {"message":..,"data":..}}); the typed {@link #onConnect}, {@link #onDisconnect} and
   * {@link #onConnectError} give richer values. Cancel through the returned {@link Subscription}.
   */
  public Subscription on(String event, EventListener listener) {
    return subscribe(event, listener, false);
  }

  /** Listens to the next {@code event} only. */
  public Subscription once(String event, EventListener listener) {
    return subscribe(event, listener, true);
  }

  private Subscription subscribe(String event, EventListener listener, boolean once) {
    java.util.Objects.requireNonNull(listener, "listener");
    switch (event) {
      case "connect":
        return connectListeners.add(() -> listener.onEvent(EventArgs.empty(io.mapper())), once);
      case "disconnect":
        return disconnectListeners.add((reason, cause) -> listener.onEvent(new EventArgs(
            Collections.singletonList(com.fasterxml.jackson.databind.node.TextNode.valueOf(reason.wireName())),
            io.mapper(), null)),
            once);
      case "connect_error":
        return connectErrorListeners.add(e -> {
          ObjectNode error = io.mapper().createObjectNode().put("message", e.getMessage());
          if (e.data() != null) {
            error.set("data", e.data());
          }
          listener.onEvent(new EventArgs(Collections.singletonList(error), io.mapper(), null));
        }, once);
      default:
        return listenersOf(event).add(listener, once);
    }
  }

  /** Removes {@code listener} from {@code event}. */
  public Socket off(String event, EventListener listener) {
    ListenerList<EventListener> list = listeners.get(event);
    if (list != null) {
      list.remove(listener);
    }
    return this;
  }

  /** Removes every listener of {@code event}. */
  public Socket off(String event) {
    listeners.remove(event);
    return this;
  }

  private ListenerList<EventListener> listenersOf(String event) {
    if (RESERVED.contains(event)) {
      throw new IllegalArgumentException("'" + event + "' is reserved");
    }
    return listeners.computeIfAbsent(event, e -> new ListenerList<>());
  }

  /** Hears every incoming event, before the event's own listeners. */
  public Subscription onAny(AnyListener listener) {
    return anyListeners.add(listener, false);
  }

  /** Hears every outgoing event as it is sent. */
  public Subscription onAnyOutgoing(AnyListener listener) {
    return anyOutgoingListeners.add(listener, false);
  }

  public Subscription onConnect(Runnable listener) {
    return connectListeners.add(listener, false);
  }

  public Subscription onDisconnect(DisconnectListener listener) {
    return disconnectListeners.add(listener, false);
  }

  /**
   * The namespace could not be joined: refused by the server (the socket then stays disconnected) or the connection
   * failed (the manager retries when reconnection is on).
   */
  public Subscription onConnectError(java.util.function.Consumer<ConnectErrorException> listener) {
    return connectErrorListeners.add(listener, false);
  }

  // ---- emitting

  /**
   * Emits {@code event} with {@code args} (converted by Jackson; {@code byte[]} as binary). When the last argument is
   * an {@link AckCallback}, the server is asked for an acknowledgement.
   */
  public Socket emit(String event, Object... args) {
    emit(event, args, EmitFlags.NONE);
    return this;
  }

  /** Emits a {@code message} event, as the JS client's {@code socket.send(...)}. */
  public Socket send(Object... args) {
    return emit("message", args);
  }

  /** Emits and returns the acknowledgement's arguments; fails with an {@link SocketIoClientException}. */
  public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
    return emitWithAck(event, args, EmitFlags.NONE);
  }

  /** An emitter whose acknowledgements fail with {@link AckTimeoutException} after {@code timeout}. */
  public SocketEmitter timeout(Duration timeout) {
    return new SocketEmitter(this, EmitFlags.NONE).timeout(timeout);
  }

  /** An emitter whose events are dropped when they cannot be sent at once (disconnected, or a write in flight). */
  public SocketEmitter asVolatile() {
    return new SocketEmitter(this, EmitFlags.NONE).asVolatile();
  }

  CompletableFuture<EventArgs> emitWithAck(String event, Object[] args, EmitFlags flags) {
    CompletableFuture<EventArgs> future = new CompletableFuture<>();
    Object[] withAck = Arrays.copyOf(args, args.length + 1);
    withAck[args.length] = (AckCallback) (error, result) -> {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(result);
      }
    };
    emit(event, withAck, flags);
    return future;
  }

  void emit(String event, Object[] rawArgs, EmitFlags flags) {
    if (RESERVED.contains(event)) {
      throw new IllegalArgumentException("'" + event + "' is a reserved event name");
    }
    AckCallback ack = null;
    int n = rawArgs.length;
    if (n > 0 && rawArgs[n - 1] instanceof AckCallback) {
      ack = (AckCallback) rawArgs[n - 1];
      n--;
    }
    // Convert on the caller's thread: later changes to the caller's objects do not leak into the packet.
    List<JsonNode> args = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      args.add(toTree(rawArgs[i]));
    }
    AckCallback userAck = ack;
    io.execute(() -> send(event, args, userAck == null ? null : loopSafe(userAck), flags));
  }

  private JsonNode toTree(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    if (value instanceof byte[]) {
      return BinaryNode.valueOf(((byte[]) value).clone());
    }
    return io.mapper().valueToTree(value);
  }

  /** Wraps a user callback so that it runs on the listener lane. */
  private BiConsumer<Throwable, List<JsonNode>> loopSafe(AckCallback ack) {
    return (error, values) -> io.dispatch(() -> ack.onAck(error, new EventArgs(values, io.mapper(), null)));
  }

  /** On the loop: the JS client's {@code emit} after argument handling. */
  void send(String event, List<JsonNode> args, BiConsumer<Throwable, List<JsonNode>> ack, EmitFlags flags) {
    if (options.retries() > 0 && !flags.fromQueue() && !flags.volatileFlag()) {
      retryQueue.add(event, args, ack, flags);
      return;
    }
    ArrayNode data = io.mapper().createArrayNode().add(event);
    args.forEach(data::add);
    Integer ackId = null;
    if (ack != null) {
      ackId = acks.register(ack, flags.timeoutMs() >= 0 ? flags.timeoutMs() : options.ackTimeoutMs(),
          id -> sendBuffer.removeIf(p -> p.ackId() == id));
    }
    SocketIoPacket packet = SocketIoPacket.event(nsp, data, ackId == null ? SocketIoPacket.NO_ACK : ackId);
    if (flags.volatileFlag() && !(connected && io.writable())) {
      log.debug("volatile emit of '{}' dropped: not connected or transport busy", event);
      if (ackId != null) {
        acks.fail(ackId, new SocketDisconnectedException("volatile packet discarded: not connected"));
      }
    } else if (connected && !io.pingExpired()) {
      notifyOutgoing(data);
      io.packet(packet);
    } else if (sendBuffer.size() >= options.maxBufferedPackets()) {
      log.warn("emit of '{}' refused: {} packets already buffered while disconnected", event, sendBuffer.size());
      SendBufferFullException full = new SendBufferFullException("send buffer full (" + sendBuffer.size() + ")");
      if (ackId != null) {
        acks.fail(ackId, full);
      }
    } else {
      sendBuffer.add(packet);
    }
  }

  private void notifyOutgoing(ArrayNode data) {
    if (anyOutgoingListeners.isEmpty()) {
      return;
    }
    String event = data.get(0).asText();
    List<JsonNode> args = new ArrayList<>();
    for (int i = 1; i < data.size(); i++) {
      args.add(data.get(i));
    }
    EventArgs eventArgs = new EventArgs(args, io.mapper(), null);
    io.dispatch(() -> anyOutgoingListeners.forEach(l -> l.onEvent(event, eventArgs)));
  }

  // ---- manager callbacks, on the loop

  void onManagerOpen() {
    if (options.auth() == null) {
      sendConnect(null);
      return;
    }
    // The supplier is user code: ask it on the listener lane, then come back to the loop.
    io.dispatch(() -> {
      Map<String, ?> auth;
      try {
        auth = options.auth().get();
      } catch (RuntimeException e) {
        log.error("the auth supplier threw; connecting without auth", e);
        auth = null;
      }
      Map<String, ?> value = auth;
      io.execute(() -> {
        if (active && io.isOpen() && !connected) {
          sendConnect(value);
        }
      });
    });
  }

  private void sendConnect(Map<String, ?> auth) {
    ObjectNode data = null;
    if (auth != null) {
      data = io.mapper().valueToTree(auth);
    }
    if (pid != null) {
      // socket.io-protocol, connection state recovery: the previous session id and the offset of the last event
      // received, so the server can replay what was missed.
      ObjectNode withSession = io.mapper().createObjectNode();
      withSession.put("pid", pid);
      if (lastOffset != null) {
        withSession.put("offset", lastOffset);
      }
      if (data != null) {
        withSession.setAll(data);
      }
      data = withSession;
    }
    io.packet(SocketIoPacket.connect(nsp, data));
  }

  void onManagerError(Throwable cause) {
    if (!connected && active) {
      ConnectErrorException e = new ConnectErrorException(cause.getMessage(), null, cause);
      io.dispatch(() -> connectErrorListeners.forEach(l -> l.accept(e)));
    }
  }

  void onManagerClose(DisconnectReason reason, Throwable cause) {
    if (connected) {
      onClose(reason, cause);
    }
  }

  void onPacket(SocketIoPacket packet) {
    switch (packet.type()) {
      case CONNECT -> {
        JsonNode data = packet.data();
        if (data != null && data.path("sid").isTextual()) {
          onConnect(data.get("sid").asText(), data.path("pid").isTextual() ? data.get("pid").asText() : null);
        } else {
          ConnectErrorException e = new ConnectErrorException(
              "the server speaks an older Socket.IO protocol (v2): not compatible", null, null);
          io.dispatch(() -> connectErrorListeners.forEach(l -> l.accept(e)));
        }
      }
      case EVENT, BINARY_EVENT -> onEvent(packet);
      case ACK, BINARY_ACK -> onAck(packet);
      case DISCONNECT -> {
        destroy();
        onClose(DisconnectReason.IO_SERVER_DISCONNECT, null);
      }
      case CONNECT_ERROR -> {
        destroy();
        JsonNode data = packet.data();
        // CONNECT_ERROR carries {"message", "data"?} (older servers: a bare string).
        String message = data == null ? "connect error"
            : data.isTextual() ? data.asText() : data.path("message").asText("connect error");
        JsonNode details = data == null || !data.isObject() ? null : data.get("data");
        ConnectErrorException e = new ConnectErrorException(message, details, null);
        io.dispatch(() -> connectErrorListeners.forEach(l -> l.accept(e)));
      }
      default -> { }
    }
  }

  private void onConnect(String sid, String newPid) {
    id = sid;
    recovered = newPid != null && newPid.equals(pid);
    pid = newPid;
    connected = true;
    while (!receiveBuffer.isEmpty()) {
      deliver(receiveBuffer.poll());
    }
    while (!sendBuffer.isEmpty()) {
      SocketIoPacket p = sendBuffer.poll();
      notifyOutgoing((ArrayNode) p.data());
      io.packet(p);
    }
    retryQueue.drain(true);
    io.dispatch(() -> connectListeners.forEach(Runnable::run));
  }

  private void onEvent(SocketIoPacket packet) {
    if (packet.data() == null || !packet.data().isArray() || packet.data().isEmpty()) {
      return;
    }
    if (connected) {
      deliver(packet);
    } else if (receiveBuffer.size() < options.maxBufferedPackets()) {
      receiveBuffer.add(packet);
    } else {
      // an event before the CONNECT answer was handled: the server sends none (socket.io-protocol, "Connection to a
      // namespace"), so this is a misbehaving peer; said, not dropped unseen
      log.warn("event '{}' dropped: {} events already waiting for the connection to namespace {}",
          packet.eventName(), receiveBuffer.size(), nsp);
    }
  }

  private void deliver(SocketIoPacket packet) {
    JsonNode data = packet.data();
    String event = data.get(0).asText();
    List<JsonNode> args = new ArrayList<>(data.size() - 1);
    for (Iterator<JsonNode> it = data.elements(); it.hasNext(); ) {
      args.add(it.next());
    }
    args.remove(0);
    long ackId = packet.ackId();
    java.util.function.Consumer<Object[]> ack = !packet.hasAckId() ? null : values -> {
      List<JsonNode> trees = new ArrayList<>(values.length);
      for (Object v : values) {
        trees.add(toTree(v));
      }
      io.execute(() -> {
        ArrayNode ackData = io.mapper().createArrayNode();
        trees.forEach(ackData::add);
        io.packet(SocketIoPacket.ack(nsp, ackId, ackData));
      });
    };
    if (pid != null && !args.isEmpty() && args.get(args.size() - 1).isTextual()) {
      // With connection state recovery the server appends each event's offset as its last argument.
      lastOffset = args.get(args.size() - 1).asText();
    }
    EventArgs eventArgs = new EventArgs(args, io.mapper(), ack);
    ListenerList<EventListener> list = listeners.get(event);
    io.dispatch(() -> {
      anyListeners.forEach(l -> l.onEvent(event, eventArgs));
      if (list != null) {
        list.forEach(l -> l.onEvent(eventArgs));
      }
    });
  }

  private void onAck(SocketIoPacket packet) {
    if (!packet.hasAckId()) {
      return;
    }
    List<JsonNode> values = new ArrayList<>();
    if (packet.data() != null) {
      packet.data().forEach(values::add);
    }
    acks.succeed(packet.ackId(), values);
  }

  private void onClose(DisconnectReason reason, Throwable cause) {
    connected = false;
    id = null;
    io.dispatch(() -> disconnectListeners.forEach(l -> l.onDisconnect(reason, cause)));
    // The server will never acknowledge what it was sent before; buffered packets keep theirs.
    Set<Integer> buffered = new java.util.HashSet<>();
    sendBuffer.forEach(p -> {
      if (p.hasAckId()) {
        buffered.add((int) p.ackId());
      }
    });
    acks.failAllExcept(buffered, new SocketDisconnectedException("socket has been disconnected"));
  }

  boolean isConnectedOnLoop() {
    return connected;
  }
}
