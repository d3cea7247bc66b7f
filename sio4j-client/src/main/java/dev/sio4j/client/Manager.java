package dev.sio4j.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.client.internal.Backoff;
import dev.sio4j.client.internal.ClientThreadPools;
import dev.sio4j.client.internal.ClientThreads;
import dev.sio4j.client.internal.ManagerHttpClient;
import dev.sio4j.client.internal.EngineClient;
import dev.sio4j.client.internal.Endpoint;
import dev.sio4j.client.internal.ListenerList;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoDecoder;
import dev.sio4j.protocol.socketio.PacketDecoder;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoParseException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO connection to a server, shared by the {@link Socket}s of its namespaces ({@code /}, {@code /admin},
 * ...), with reconnection: exponential backoff with jitter, {@code reconnect_attempt}, {@code reconnect},
 * {@code reconnect_error} and {@code reconnect_failed} events, as the JS client's {@code Manager}.
 *
 * <p>Lifecycle: created idle; the first {@link Socket#connect()} opens the connection; it closes when no socket is
 * connected any more, and reopens on the next {@code connect()}. {@link #close()} is final: it disconnects every
 * socket and gives back the manager's threads. The managers of one {@link SocketIoClient} share their threads (an
 * event loop pool and a listener pool, see {@code ClientThreadPools}); the last one closed ends them, after which no
 * thread of the client remains; a manager made on its own has threads of its own, ended by its {@link #close()}.
 * Thread-safe: every method may be called from any thread; protocol state lives on the manager's event loop (its
 * tasks run one at a time, in order) and listeners run on its listener lane, one at a time, in order.
 */
public final class Manager implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Manager.class);

  private enum ReadyState { CLOSED, OPENING, OPEN }

  private final URI uri;
  private final ClientOptions options;
  private final ClientThreads threads;
  private final ManagerHttpClient http;
  /** Closes the manager when the JVM shuts down (ConnectionOptions#closeOnJvmShutdown), or {@code null}. */
  private final Thread shutdownHook;
  private final Endpoint endpoint;
  private final ObjectMapper codecMapper;
  private final PacketEncoder encoder;
  private final Map<String, Socket> nsps = new ConcurrentHashMap<>();
  private final Backoff backoff;
  private final EngineListener engineListener = new EngineListener();
  private final ListenerList<Runnable> openListeners = new ListenerList<>();
  private final ListenerList<Consumer<String>> closeListeners = new ListenerList<>();
  private final ListenerList<Consumer<Throwable>> errorListeners = new ListenerList<>();
  private final ListenerList<Runnable> pingListeners = new ListenerList<>();
  private final ListenerList<IntConsumer> reconnectAttemptListeners = new ListenerList<>();
  private final ListenerList<IntConsumer> reconnectListeners = new ListenerList<>();
  private final ListenerList<Consumer<Throwable>> reconnectErrorListeners = new ListenerList<>();
  private final ListenerList<Runnable> reconnectFailedListeners = new ListenerList<>();
  private volatile boolean closed;

  // Confined to the event loop.
  private ReadyState readyState = ReadyState.CLOSED;
  private volatile EngineClient engine;
  private boolean reconnecting;
  private boolean skipReconnect;
  private boolean websocketWorked;
  private Consumer<Throwable> openCallback;
  private ScheduledFuture<?> openTimer;
  private ScheduledFuture<?> reconnectTimer;
  private PacketDecoder decoder;

  /** A manager for the server at {@code uri} ({@code http(s)://host:port}; its path is ignored). */
  public Manager(URI uri, ClientOptions options) {
    this(uri, options, SocketIoJson.newMapper(), new ClientThreadPools(1, ClientThreadPools.LISTENER_KEEP_ALIVE_MILLIS));
  }

  /**
   * A manager whose packets are read and written with {@code codecMapper} and whose tasks run on {@code pools}: a
   * {@link SocketIoClient} shares both among its managers (a mapper and its caches cost several kilobytes, it is
   * thread-safe once configured; threads cost far more, and an idle connection needs none of its own).
   */
  Manager(URI uri, ClientOptions options, ObjectMapper codecMapper, ClientThreadPools pools) {
    this.uri = uri;
    this.options = options;
    this.codecMapper = codecMapper;
    this.encoder = options.parser().newEncoder(codecMapper);
    this.http = ManagerHttpClient.create(uri, options);
    this.threads = pools.acquire(options.threadNamePrefix());
    Endpoint endpoint;
    try {
      endpoint = new Endpoint(uri, options, http.client(), http.webSocketClient());
    } catch (RuntimeException e) {
      threads.shutdown();
      http.release();
      throw e;
    }
    this.endpoint = endpoint;
    if (options.connection().closeOnJvmShutdown()) {
      shutdownHook = new Thread(this::close, options.threadNamePrefix() + "-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
    this.backoff = new Backoff(options.reconnectionDelayMs(), options.reconnectionDelayMaxMs(),
        options.randomizationFactor(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The socket of namespace {@code nsp} ({@code "/"} for the main one); the same object on each call. */
  public Socket socket(String nsp) {
    return socket(nsp, options);
  }

  /**
   * The socket of namespace {@code nsp}, created with its own socket-level options ({@code auth}, {@code retries},
   * {@code ackTimeout}, {@code maxBufferedPackets}) when it does not exist yet; the connection-level options remain
   * the manager's. As the JS client's {@code manager.socket(nsp, opts)}.
   */
  public Socket socket(String nsp, ClientOptions socketOptions) {
    java.util.Objects.requireNonNull(socketOptions, "socketOptions");
    if (closed) {
      throw new IllegalStateException("manager closed");
    }
    String name = nsp.startsWith("/") ? nsp : "/" + nsp;
    return nsps.computeIfAbsent(name, n -> new Socket(this, n, socketOptions));
  }

  boolean hasSocket(String nsp) {
    return nsps.containsKey(nsp);
  }

  public URI uri() {
    return uri;
  }

  public ClientOptions options() {
    return options;
  }

  /** The current transport's name ({@code polling} or {@code websocket}), or {@code null} when disconnected. */
  public String transport() {
    EngineClient e = engine;
    return e == null || !e.isOpen() ? null : e.transportName();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  public Subscription onOpen(Runnable listener) {
    return openListeners.add(listener, false);
  }

  /** The connection closed; the argument is the reason ("transport close", "ping timeout", "forced close", ...). */
  public Subscription onClose(Consumer<String> listener) {
    return closeListeners.add(listener, false);
  }

  /** The connection could not be opened. */
  public Subscription onError(Consumer<Throwable> listener) {
    return errorListeners.add(listener, false);
  }

  public Subscription onPing(Runnable listener) {
    return pingListeners.add(listener, false);
  }

  /** A reconnection attempt starts; the argument counts attempts from 1. */
  public Subscription onReconnectAttempt(IntConsumer listener) {
    return reconnectAttemptListeners.add(listener, false);
  }

  /** A reconnection succeeded; the argument is the number of attempts it took. */
  public Subscription onReconnect(IntConsumer listener) {
    return reconnectListeners.add(listener, false);
  }

  public Subscription onReconnectError(Consumer<Throwable> listener) {
    return reconnectErrorListeners.add(listener, false);
  }

  /** Every attempt ({@code reconnectionAttempts}) failed; the manager stops trying. */
  public Subscription onReconnectFailed(Runnable listener) {
    return reconnectFailedListeners.add(listener, false);
  }

  /**
   * Disconnects every socket (each tells the server), closes the connection, then ends the manager's threads; waits
   * for them unless called from a listener. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway, and finds the manager closed
      }
    }
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.atomic.AtomicReference<EngineClient> closedEngine =
        new java.util.concurrent.atomic.AtomicReference<>();
    Runnable closing = () -> {
      nsps.values().forEach(Socket::disconnectNow);
      EngineClient e = engine;
      closedEngine.set(e);
      closeEngine();
      if (e == null) {
        done.complete(null);
      } else {
        e.goodbye().whenComplete((v, f) -> done.complete(null));
      }
    };
    if (threads.inLoop()) {
      closing.run();
    } else {
      threads.execute(closing);
      try {
        // Let the goodbye (a CLOSE packet or a WebSocket close frame) reach the server; bounded.
        done.get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        log.debug("no goodbye from the server in time");
      }
      EngineClient e = closedEngine.get();
      if (e != null) {
        // Said or not, the goodbye is over: drop what is left (a WebSocket would wait for the server's close).
        e.terminate();
      }
    }
    threads.shutdown();
    http.release();
  }

  // ---- package-private API for sockets; everything below runs on the event loop unless said otherwise

  ObjectMapper mapper() {
    return options.objectMapper();
  }

  /** Runs {@code task} on the event loop (from any thread); dropped once the manager is closed. */
  void execute(Runnable task) {
    if (threads.inLoop()) {
      task.run();
      return;
    }
    threads.execute(task);
  }

  ScheduledFuture<?> schedule(Runnable task, long delayMs) {
    return threads.schedule(task, delayMs);
  }

  /** Runs a listener call on the listener lane. */
  void dispatch(Runnable call) {
    threads.dispatch(call);
  }

  boolean reconnecting() {
    return reconnecting;
  }

  boolean isOpen() {
    return readyState == ReadyState.OPEN;
  }

  /** Whether the connection is past its heartbeat deadline (see {@code EngineClient#pingExpired}). */
  boolean pingExpired() {
    EngineClient e = engine;
    return e != null && e.pingExpired();
  }

  /** Whether a packet written now is sent at once (the JS client's test for dropping a volatile packet). */
  boolean writable() {
    EngineClient e = engine;
    return e != null && e.writableNow();
  }

  void packet(SocketIoPacket packet) {
    if (engine == null) {
      return;
    }
    for (EngineIoPacket p : encoder.encode(packet)) {
      engine.send(p);
    }
  }

  /** A socket became inactive; when none is active, the connection closes (JS client's {@code _destroy}). */
  void destroy(Socket socket) {
    for (Socket s : nsps.values()) {
      if (s.active()) {
        return;
      }
    }
    closeEngine();
  }

  /** Every socket was {@linkplain Socket#close() closed}: the manager is not needed any more. */
  void released(Socket socket) {
    for (Socket s : nsps.values()) {
      if (!s.isReleased()) {
        return;
      }
    }
    // close() waits for the threads; run it off them.
    Thread t = new Thread(this::close, options.threadNamePrefix() + "-closer");
    t.setDaemon(false);
    t.start();
  }

  void open(Consumer<Throwable> callback) {
    if (readyState != ReadyState.CLOSED || closed) {
      return;
    }
    EngineClient e = new EngineClient(endpoint, threads, mapper(), options.transports(), options.upgrade(),
        options.rememberUpgrade() && websocketWorked, engineListener);
    e.tryAllTransports(options.tryAllTransports());
    engine = e;
    readyState = ReadyState.OPENING;
    skipReconnect = false;
    openCallback = callback;
    if (options.timeoutMs() > 0) {
      openTimer = schedule(() -> {
        if (engine == e && readyState == ReadyState.OPENING) {
          e.close();
          onOpenFailure(e, new SocketIoClientException("timeout"));
        }
      }, options.timeoutMs());
    }
    if (!endpoint.asksHeaders()) {
      e.open();
      return;
    }
    // The header supplier is user code and may block: ask it on the listener lane, since the loop's threads serve
    // every manager of the client, then come back to the loop (unless the open timed out or was given up meanwhile).
    dispatch(() -> {
      RuntimeException failure = null;
      try {
        endpoint.askHeaders();
      } catch (RuntimeException f) {
        failure = f;
      }
      RuntimeException failed = failure;
      execute(() -> {
        if (engine != e || readyState != ReadyState.OPENING) {
          return;
        }
        if (failed != null) {
          onOpenFailure(e, failed);
        } else {
          e.open();
        }
      });
    });
  }

  private void onOpenFailure(EngineClient e, Throwable cause) {
    if (engine != e) {
      return;
    }
    cancel(openTimer);
    engine = null;
    readyState = ReadyState.CLOSED;
    emit(errorListeners, l -> l.accept(cause));
    nsps.values().forEach(s -> s.onManagerError(cause));
    Consumer<Throwable> callback = openCallback;
    openCallback = null;
    if (callback != null) {
      callback.accept(cause);
    } else if (!reconnecting && options.reconnection() && backoff.attempts() == 0) {
      reconnect();
    }
  }

  private void onEngineOpen(EngineClient e) {
    if (engine != e) {
      return;
    }
    cancel(openTimer);
    readyState = ReadyState.OPEN;
    decoder = options.parser().newDecoder(codecMapper, SocketIoDecoder.DEFAULT_MAX_ATTACHMENTS, this::route);
    emit(openListeners, Runnable::run);
    Consumer<Throwable> callback = openCallback;
    openCallback = null;
    nsps.values().forEach(s -> {
      if (s.active()) {
        s.onManagerOpen();
      }
    });
    if (callback != null) {
      callback.accept(null);
    }
  }

  private void onEngineClose(EngineClient e, String reason, Throwable cause) {
    if (engine != e) {
      return;
    }
    websocketWorked |= e.upgraded();
    engine = null;
    cancel(openTimer);
    readyState = ReadyState.CLOSED;
    backoff.reset();
    decoder = null;
    emit(closeListeners, l -> l.accept(reason));
    DisconnectReason r = DisconnectReason.ofWireName(reason);
    nsps.values().forEach(s -> s.onManagerClose(r, cause));
    if (options.reconnection() && !skipReconnect) {
      reconnect();
    }
  }

  private void closeEngine() {
    skipReconnect = true;
    reconnecting = false;
    cancel(reconnectTimer);
    cancel(openTimer);
    EngineClient e = engine;
    engine = null;
    boolean wasOpen = readyState != ReadyState.CLOSED;
    readyState = ReadyState.CLOSED;
    backoff.reset();
    if (e != null) {
      websocketWorked |= e.upgraded();
      e.close();
    }
    if (wasOpen) {
      emit(closeListeners, l -> l.accept("forced close"));
    }
  }

  private void reconnect() {
    if (reconnecting || skipReconnect || closed) {
      return;
    }
    if (backoff.attempts() >= options.reconnectionAttempts()) {
      backoff.reset();
      reconnecting = false;
      emit(reconnectFailedListeners, Runnable::run);
      return;
    }
    long delay = backoff.duration();
    reconnecting = true;
    reconnectTimer = schedule(() -> {
      if (skipReconnect || closed) {
        return;
      }
      int attempt = backoff.attempts();
      emit(reconnectAttemptListeners, l -> l.accept(attempt));
      open(err -> {
        if (err != null) {
          reconnecting = false;
          reconnect();
          emit(reconnectErrorListeners, l -> l.accept(err));
        } else {
          int attempts = backoff.attempts();
          reconnecting = false;
          backoff.reset();
          emit(reconnectListeners, l -> l.accept(attempts));
        }
      });
    }, delay);
  }

  private <L> void emit(ListenerList<L> list, Consumer<L> call) {
    if (!list.isEmpty()) {
      dispatch(() -> list.forEach(call));
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private void onMessage(EngineClient e, EngineIoPacket p) {
    if (engine != e) {
      return;
    }
    try {
      if (p.isBinary()) {
        decoder.add(p.binary());
      } else {
        decoder.add(p.text() == null ? "" : p.text());
      }
    } catch (SocketIoParseException | RuntimeException ex) {
      // socket.io-protocol: a packet that cannot be decoded ends the connection ("parse error").
      log.warn("closing the connection: undecodable packet from {}", uri, ex);
      e.close();
      onEngineClose(e, "parse error", ex);
    }
  }

  private void route(SocketIoPacket packet) {
    Socket s = nsps.get(packet.namespace());
    if (s != null && s.active()) {
      s.onPacket(packet);
    }
  }

  /** Engine callbacks, kept off the public type. */
  private final class EngineListener implements EngineClient.Listener {
    @Override
    public void onOpen(EngineClient e) {
      onEngineOpen(e);
    }

    @Override
    public void onMessage(EngineClient e, EngineIoPacket packet) {
      Manager.this.onMessage(e, packet);
    }

    @Override
    public void onPing(EngineClient e) {
      emit(pingListeners, Runnable::run);
    }

    @Override
    public void onOpenError(EngineClient e, Throwable cause) {
      onOpenFailure(e, cause);
    }

    @Override
    public void onClose(EngineClient e, String reason, Throwable cause) {
      onEngineClose(e, reason, cause);
    }
  }
}
