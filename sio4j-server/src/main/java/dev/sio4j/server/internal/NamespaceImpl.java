package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.server.AnyListener;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.ConnectionListener;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.ServerSideEvent;
import dev.sio4j.server.ServerSideEventListener;
import dev.sio4j.server.SlowConsumerPolicy;
import dev.sio4j.server.Socket;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.LocalSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A namespace: its sockets, listeners, middlewares and adapter. */
final class NamespaceImpl implements Namespace, AdapterNamespace, ForwardingBroadcastOperator {
  private static final Logger log = LoggerFactory.getLogger(NamespaceImpl.class);

  final ServerCore server;
  private final String name;
  private final ParentNamespaceImpl parent;
  private final Adapter adapter;
  private final Map<String, SocketImpl> sockets = new ConcurrentHashMap<>();
  private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
  private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
  private final List<AnyListener> serverSideListeners = new CopyOnWriteArrayList<>();
  private final List<ServerSideEventListener> serverSideEventListeners = new CopyOnWriteArrayList<>();
  private final AtomicLong ackIds = new AtomicLong();
  // connection state recovery: the sessions (by pid) whose socket left but has not persisted them yet
  private final Map<String, CompletableFuture<Void>> persisting = new ConcurrentHashMap<>();
  private final BroadcastOperatorImpl all;
  // Guarded by this: connections being joined (between resolve and join/refusal), and whether the namespace was
  // removed (an empty child with cleanupEmptyChildNamespaces); a reserved namespace is never removed.
  private int reservations;
  private boolean removed;
  // null: the parent's, or the server's
  private volatile SlowConsumerPolicy slowConsumerPolicy;

  NamespaceImpl(ServerCore server, String name, ParentNamespaceImpl parent) {
    this.server = server;
    this.name = name;
    this.parent = parent;
    this.adapter = server.options.adapterFactory().create(this);
    this.adapter.init();
    this.all = new BroadcastOperatorImpl(server, List.of(this));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Namespace slowConsumerPolicy(SlowConsumerPolicy policy) {
    this.slowConsumerPolicy = java.util.Objects.requireNonNull(policy, "policy");
    return this;
  }

  @Override
  public SlowConsumerPolicy slowConsumerPolicy() {
    SlowConsumerPolicy policy = slowConsumerPolicy;
    if (policy != null) {
      return policy;
    }
    return parent != null ? parent.slowConsumerPolicy() : server.options.slowConsumerPolicy();
  }

  @Override
  public Namespace onConnection(ConnectionListener listener) {
    connectionListeners.add(listener);
    return this;
  }

  @Override
  public Namespace use(Middleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  @Override
  public Map<String, Socket> sockets() {
    return Collections.unmodifiableMap(sockets);
  }

  @Override
  public Adapter adapter() {
    return adapter;
  }

  // --- connection path -------------------------------------------------------------------------------------------

  /** The middlewares that apply: the parent's first (a dynamic namespace's), then this namespace's own. */
  List<Middleware> middlewares() {
    if (parent == null) {
      return middlewares;
    }
    List<Middleware> chain = new ArrayList<>(parent.middlewares());
    chain.addAll(middlewares);
    return chain;
  }

  /** Holds the namespace for a connection being joined; false when it was removed meanwhile (resolve again). */
  synchronized boolean reserve() {
    if (removed) {
      return false;
    }
    reservations++;
    return true;
  }

  /** The connection reserved by {@link #reserve()} joined or was refused. */
  synchronized void release() {
    reservations--;
    cleanupIfEmpty();
  }

  private void cleanupIfEmpty() {
    if (parent != null && server.options.cleanupEmptyChildNamespaces() && !removed && reservations == 0
        && sockets.isEmpty()) {
      removed = true;
      parent.removeChild(this);
      server.removeNamespace(this);
      adapter.close();
    }
  }

  /** The socket passed the middlewares: it joins (its own room first, as the reference). */
  void add(SocketImpl socket) {
    sockets.put(socket.id(), socket);
    adapter.addAll(socket.id(), java.util.Set.of(socket.id()));
  }

  /** Runs the connection listeners (on the socket's handler executor). */
  void fireConnection(SocketImpl socket) {
    List<ConnectionListener> listeners = new ArrayList<>();
    if (parent != null) {
      listeners.addAll(parent.connectionListeners());
    }
    listeners.addAll(connectionListeners);
    for (ConnectionListener listener : listeners) {
      try {
        listener.onConnection(socket);
      } catch (Exception e) {
        log.error("connection listener of {} failed", name, e);
      }
    }
  }

  void remove(SocketImpl socket) {
    if (sockets.remove(socket.id(), socket) && parent != null) {
      synchronized (this) {
        cleanupIfEmpty();
      }
    }
  }

  /** A socket of session {@code pid} left and will persist it: completes the returned future once it did. */
  CompletableFuture<Void> persistingStarted(String pid) {
    CompletableFuture<Void> persisted = new CompletableFuture<>();
    persisting.put(pid, persisted);
    return persisted;
  }

  void persistingDone(String pid, CompletableFuture<Void> persisted) {
    persisting.remove(pid, persisted);
    persisted.complete(null);
  }

  /** Whether no socket of this namespace is still persisting its session. */
  boolean persistedAll() {
    return persisting.isEmpty();
  }

  /** Completes once session {@code pid} is persisted, if its socket is still leaving; {@code null} otherwise. */
  CompletableFuture<Void> persisting(String pid) {
    return persisting.get(pid);
  }

  // --- AdapterNamespace ------------------------------------------------------------------------------------------

  @Override
  public LocalSocket socket(String id) {
    return sockets.get(id);
  }

  @Override
  public PacketEncoder encoder() {
    return server.encoder;
  }

  @Override
  public ObjectMapper mapper() {
    return server.mapper;
  }

  @Override
  public Optional<ConnectionStateRecovery> connectionStateRecovery() {
    return server.options.connectionStateRecovery();
  }

  @Override
  public long currentTimeMillis() {
    return server.clock.millis();
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return server.scheduler;
  }

  @Override
  public String newId() {
    return server.newId();
  }

  @Override
  public long nextAckId() {
    return ackIds.getAndIncrement();
  }

  @Override
  public void receiveServerSideEmit(String event, Arguments args) {
    deliverServerSide(event, args, null);
  }

  @Override
  public void receiveServerSideEmit(String event, Arguments args, Consumer<JsonNode> ack) {
    deliverServerSide(event, args, Objects.requireNonNull(ack, "ack"));
  }

  // one task for all the listeners, in the order they were added, as the reference's emitter calls them
  private void deliverServerSide(String event, Arguments args, Consumer<JsonNode> ack) {
    if (serverSideListeners.isEmpty() && serverSideEventListeners.isEmpty()) {
      return;
    }
    ServerSideEvent received = new ServerSideEventImpl(event, args, ack, server.mapper);
    server.execute(() -> {
      for (AnyListener listener : serverSideListeners) {
        try {
          listener.onEvent(event, args);
        } catch (Exception e) {
          log.error("server-side emit listener of {} failed", name, e);
        }
      }
      for (ServerSideEventListener listener : serverSideEventListeners) {
        try {
          listener.onEvent(received);
        } catch (Exception e) {
          log.error("server-side event listener of {} failed", name, e);
        }
      }
    });
  }

  @Override
  public void serverSideEmit(String event, Object... args) {
    adapter.serverSideEmit(serverSidePacket(event, args));
  }

  @Override
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    return adapter.serverSideEmitWithAck(serverSidePacket(event, args), timeout.toMillis());
  }

  private List<JsonNode> serverSidePacket(String event, Object... args) {
    if ("connection".equals(event) || "new_namespace".equals(event)) {
      // the reference namespace's RESERVED_EVENTS ("connect" is refused by eventData with the socket's own)
      throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
    }
    List<JsonNode> packet = new ArrayList<>();
    Values.eventData(server.mapper, event, args).forEach(packet::add);
    return packet;
  }

  @Override
  public Namespace onServerSideEmit(AnyListener listener) {
    serverSideListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public Namespace onServerSideEvent(ServerSideEventListener listener) {
    serverSideEventListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  @Override
  public BroadcastOperator forwardTo() {
    return all;
  }

  @Override
  public String toString() {
    return "Namespace{" + name + "}";
  }
}
