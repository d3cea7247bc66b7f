package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.ConnectionError;
import dev.sio4j.engine.ConnectionErrorListener;
import dev.sio4j.server.SlowConsumer;
import dev.sio4j.server.SlowConsumerListener;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.server.DeliveryFailureListener;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ServerOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state one Socket.IO server owns: options, JSON mapper and the parser's encoder, handler executor, scheduler, id
 * generator, namespaces, and one {@link ClientConnection} per Engine.IO session. It is the engine's listener: the
 * engine hands it sessions and messages on I/O threads, and it hands them to the connections without blocking.
 */
public final class ServerCore implements EngineListener {
  private static final Logger log = LoggerFactory.getLogger(ServerCore.class);

  final ServerOptions options;
  final ObjectMapper mapper;
  /** The parser's encoder, shared by every connection (stateless). */
  final PacketEncoder encoder;
  final ExecutorService handlers;
  private final boolean ownsHandlers;
  final ScheduledExecutorService scheduler;
  /** Back-pressure and delivery failures of emitting calls. */
  final Emissions emissions;
  /** What runs each socket's handlers: the handler executor, with emits allowed to wait for back-pressure. */
  final Executor socketHandlers;
  /** The server's clock (handshake time, expiry of recovery state), in the JVM's default time zone. */
  final Clock clock = Clock.systemDefaultZone();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, NamespaceImpl> namespaces = new ConcurrentHashMap<>();
  private final List<ParentNamespaceImpl> parents = new CopyOnWriteArrayList<>();
  private final Map<String, ClientConnection> clients = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicInteger closing = new java.util.concurrent.atomic.AtomicInteger();

  public ServerCore(ServerOptions options) {
    this.options = options;
    this.mapper = options.mapper() != null ? options.mapper() : SocketIoJson.newMapper();
    this.encoder = options.parser().newEncoder(mapper);
    this.ownsHandlers = options.handlerExecutor() == null;
    this.handlers = ownsHandlers ? HandlerExecutors.createDefault("sio4j-handler") : options.handlerExecutor();
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "sio4j-scheduler");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
    this.scheduler = timers;
    this.emissions = new Emissions(options.backpressureTimeout().toNanos(),
        options.backpressureStallTimeout().toNanos(), handlers);
    this.socketHandlers = task -> handlers.execute(emissions.onHandlerThread(task));
    of("/");
  }

  private record FormattedSecond(long second, String text) {}

  // Handshakes within the same second share one string (one formatted date per idle socket adds up).
  private volatile FormattedSecond lastHandshakeTime = new FormattedSecond(Long.MIN_VALUE, "");

  /** {@code handshake.time} for {@code epochMillis} in the clock's zone (second resolution, as the reference's). */
  String handshakeTime(long epochMillis) {
    long second = Math.floorDiv(epochMillis, 1000);
    FormattedSecond last = lastHandshakeTime;
    if (last.second() == second) {
      return last.text();
    }
    String text = HandshakeTime.format(epochMillis, clock.getZone());
    lastHandshakeTime = new FormattedSecond(second, text);
    return text;
  }

  // Clients behind one proxy or address share one string for it (a string per idle socket otherwise).
  private volatile String lastAddress = "";

  /** {@code address}, or an equal string given before for the previous handshake. */
  String shareAddress(String address) {
    String last = lastAddress;
    if (last.equals(address)) {
      return last;
    }
    lastAddress = address;
    return address;
  }

  /** The namespace {@code name}, created on first use. */
  public NamespaceImpl of(String name) {
    String normalized = name.startsWith("/") ? name : "/" + name;
    return namespaces.computeIfAbsent(normalized, n -> new NamespaceImpl(this, n, null));
  }

  /** A parent namespace: children are created on demand for the names {@code matcher} accepts. */
  public ParentNamespaceImpl parent(Predicate<String> matcher) {
    ParentNamespaceImpl parent = new ParentNamespaceImpl(this, matcher);
    parents.add(parent);
    return parent;
  }

  /**
   * The namespace a CONNECT asks for, reserved for the connection (release it once joined or refused): an existing
   * one, or a child of the first parent that accepts the name; {@code null} when none.
   */
  NamespaceImpl resolve(String name) {
    while (true) {
      NamespaceImpl namespace = lookup(name);
      if (namespace == null || namespace.reserve()) {
        return namespace;
      }
      // an empty child was removed between the lookup and the reservation: the next lookup creates a fresh one
    }
  }

  private NamespaceImpl lookup(String name) {
    NamespaceImpl existing = namespaces.get(name);
    if (existing != null) {
      return existing;
    }
    for (ParentNamespaceImpl parent : parents) {
      boolean matches;
      try {
        matches = parent.matches(name);
      } catch (RuntimeException e) {
        log.warn("namespace matcher failed for {}", name, e);
        matches = false;
      }
      if (matches) {
        return namespaces.computeIfAbsent(name, n -> parent.createChild(n));
      }
    }
    return null;
  }

  /** Forgets an empty child namespace (cleanupEmptyChildNamespaces). */
  void removeNamespace(NamespaceImpl namespace) {
    namespaces.remove(namespace.name(), namespace);
  }

  /** A new socket id: 120 random bits, URL-safe base64 (20 characters, as the reference's base64id). */
  String newId() {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private final List<ConnectionErrorListener> connectionErrorListeners = new CopyOnWriteArrayList<>();
  private final List<java.util.function.Consumer<EngineSocket>> sessionListeners = new CopyOnWriteArrayList<>();

  /** Tells {@code listener} about each Engine.IO session opened, before its first message. */
  public void onEngineConnection(java.util.function.Consumer<EngineSocket> listener) {
    sessionListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  private final List<SlowConsumerListener> slowConsumerListeners = new CopyOnWriteArrayList<>();

  /** Tells {@code listener} about each socket whose send buffer reached its limit. */
  public void onSlowConsumer(SlowConsumerListener listener) {
    slowConsumerListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** {@code consumer} reached its send buffer's limit, for the first time. */
  void slowConsumer(SlowConsumer consumer) {
    for (SlowConsumerListener listener : slowConsumerListeners) {
      try {
        listener.onSlowConsumer(consumer);
      } catch (RuntimeException e) {
        log.error("slow consumer listener failed", e);
      }
    }
  }

  /** Tells {@code listener} about each request the engine refused. */
  public void onConnectionError(ConnectionErrorListener listener) {
    connectionErrorListeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  @Override
  public void onConnectionError(EngineRequest request, int code, String message) {
    if (connectionErrorListeners.isEmpty()) {
      return;
    }
    ConnectionError error = new ConnectionError(request, code, message);
    for (ConnectionErrorListener listener : connectionErrorListeners) {
      try {
        listener.onConnectionError(error);
      } catch (RuntimeException e) {
        log.error("connection error listener failed", e);
      }
    }
  }

  /** Tells {@code listener} about emits that could not reach some recipients. */
  public void onDeliveryFailure(DeliveryFailureListener listener) {
    emissions.addListener(java.util.Objects.requireNonNull(listener, "listener"));
  }

  /** Runs {@code task} on the handler executor; dropped (and logged) once the server has shut the executor down. */
  void execute(Runnable task) {
    try {
      handlers.execute(emissions.onHandlerThread(task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("handler executor closed: task dropped", e);
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void onIoBatchStart() {
    if (handlers instanceof HandlerPool pool) {
      pool.beginBatch();
    }
  }

  @Override
  public void onIoBatchEnd() {
    if (handlers instanceof HandlerPool pool) {
      pool.endBatch();
    }
  }

  @Override
  public void onOpen(EngineSocket socket) {
    if (closed) {
      socket.close();
      return;
    }
    for (java.util.function.Consumer<EngineSocket> listener : sessionListeners) {
      try {
        listener.accept(socket);
      } catch (RuntimeException e) {
        log.error("engine connection listener failed", e);
      }
    }
    ClientConnection client = new ClientConnection(this, socket);
    clients.put(socket.id(), client);
    if (socket.protocol() == 3) {
      client.connectMainNamespace();
    }
  }

  @Override
  public void onMessage(EngineSocket socket, EngineIoPacket message) {
    ClientConnection client = clients.get(socket.id());
    if (client != null) {
      client.onMessage(message);
    }
  }

  @Override
  public void onClose(EngineSocket socket, EngineCloseReason reason, String description) {
    // counted from before the connection leaves the registry until its sockets began persisting: see #persisted
    closing.incrementAndGet();
    try {
      ClientConnection client = clients.remove(socket.id());
      if (client != null) {
        client.onClose(DisconnectReason.of(reason), description);
      }
    } finally {
      closing.decrementAndGet();
    }
  }

  /** Hands the sessions of the sockets of connection {@code engineId} to their adapters; see SocketImpl. */
  public CompletableFuture<Void> persistAhead(String engineId) {
    ClientConnection client = clients.get(engineId);
    return client == null ? CompletableFuture.completedFuture(null) : client.persistAhead();
  }

  /**
   * Completes once no connection is left and every socket that left has handed its session to the adapter for
   * recovery (what a drained node must finish before it stops), checked every 20 ms, or after {@code timeoutMillis}.
   */
  public CompletableFuture<Void> persisted(long timeoutMillis) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    Runnable check = new Runnable() {
      @Override
      public void run() {
        boolean settled = clients.isEmpty() && closing.get() == 0
            && namespaces.values().stream().allMatch(NamespaceImpl::persistedAll);
        if (settled || System.nanoTime() > deadline) {
          done.complete(null);
          return;
        }
        try {
          scheduler.schedule(this, 20, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
          done.complete(null);
        }
      }
    };
    check.run();
    return done;
  }

  /**
   * Disconnects every socket ("server shutting down"), closes the connections and the adapters, then stops the
   * scheduler and (when owned) the handler executor once the queued handlers have run.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (ClientConnection client : new ArrayList<>(clients.values())) {
      client.closeAll(DisconnectReason.SERVER_SHUTTING_DOWN);
    }
    clients.clear();
    for (NamespaceImpl namespace : namespaces.values()) {
      namespace.adapter().close();
    }
    scheduler.shutdownNow();
    if (ownsHandlers) {
      handlers.shutdown();
      try {
        if (!handlers.awaitTermination(5, TimeUnit.SECONDS)) {
          handlers.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        handlers.shutdownNow();
      }
    }
  }
}
