package dev.sio4j.server;

import dev.sio4j.engine.ConnectionErrorListener;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.engine.spi.ServerBindingFactory;
import dev.sio4j.server.internal.ServerCore;
import dev.sio4j.server.internal.clientfiles.ClientFilesHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO v5 server: namespaces, sockets, rooms, broadcasts and acknowledgements over an Engine.IO v4 engine.
 *
 * <pre>{@code
 * SocketIoServer io = SocketIoServer.create();
 * io.onConnection(socket -> socket.on("message", event -> io.emit("message", event.args())));
 * io.listen(3000);
 * }</pre>
 *
 * <p>As a {@link BroadcastOperator} it targets the main namespace {@code /}. Lifecycle: create, register listeners
 * (any time), listen (or hand {@link #engineListener()} to an engine you run), {@link #close()}. The server owns its
 * handler executor (unless given one), scheduler and id generator, so several run side by side in one JVM.
 * Thread-safe.
 */
public final class SocketIoServer implements BroadcastOperator, AutoCloseable {
  private final ServerOptions options;
  private final ServerCore core;
  private final Namespace main;
  private final EngineServer engine;
  private final List<HttpHandler> httpHandlers;
  private volatile ServerBinding binding;
  /** How long a drain waits, after the last connection closed, for the sockets to hand over their sessions. */
  private static final long DRAIN_PERSIST_WAIT_MILLIS = 5_000;

  private SocketIoServer(ServerOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.core = new ServerCore(options);
    this.main = core.of("/");
    this.engine = new EngineServer(options.engine(), core);
    List<HttpHandler> handlers = new ArrayList<>();
    if (options.serveClient()) {
      // As the reference's attachServe: the client files take their few paths under the server's path first.
      handlers.add(new ClientFilesHandler(options.path(), options.engine().cors()));
    }
    handlers.addAll(options.httpHandlers());
    this.httpHandlers = List.copyOf(handlers);
  }

  /** A server with the default options. */
  public static SocketIoServer create() {
    return new SocketIoServer(ServerOptions.defaults());
  }

  /** A server with {@code options}. */
  public static SocketIoServer create(ServerOptions options) {
    return new SocketIoServer(options);
  }

  /** The options. */
  public ServerOptions options() {
    return options;
  }

  /** The namespace {@code name} (a leading {@code /} is added when missing), created on first use. */
  public Namespace of(String name) {
    return core.of(Objects.requireNonNull(name, "name"));
  }

  /** A dynamic namespace: a child is created for each requested name {@code pattern} matches entirely. */
  public Namespace of(Pattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return core.parent(name -> pattern.matcher(name).matches());
  }

  /**
   * A dynamic namespace: a child is created for each requested name {@code matcher} accepts. The matcher runs on an
   * I/O thread: it must be quick and must not block.
   */
  public Namespace of(Predicate<String> matcher) {
    return core.parent(Objects.requireNonNull(matcher, "matcher"));
  }

  /** The main namespace {@code /}. */
  public Namespace sockets() {
    return main;
  }

  /** Registers a connection listener on the main namespace. */
  public SocketIoServer onConnection(ConnectionListener listener) {
    main.onConnection(listener);
    return this;
  }

  /** Adds a middleware to the main namespace. */
  public SocketIoServer use(Middleware middleware) {
    main.use(middleware);
    return this;
  }

  /** Sends {@code event} to the other servers of the cluster, on the main namespace. */
  public void serverSideEmit(String event, Object... args) {
    main.serverSideEmit(event, args);
  }

  /**
   * Sends {@code event} to the other servers of the cluster, on the main namespace, and completes with their answers
   * ({@link Namespace#serverSideEmitWithAck(String, Object...)}).
   */
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(String event, Object... args) {
    return main.serverSideEmitWithAck(event, args);
  }

  /** {@link #serverSideEmitWithAck(String, Object...)}, waiting at most {@code timeout} for the answers. */
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
    return main.serverSideEmitWithAck(timeout, event, args);
  }

  /**
   * Tells {@code listener} about emits that could not reach some recipients because their send buffer was full (their
   * connection is then closed: see {@link DeliveryFailure}). Such failures are also logged, once per socket.
   */
  public SocketIoServer onDeliveryFailure(DeliveryFailureListener listener) {
    core.onDeliveryFailure(listener);
    return this;
  }

  /**
   * Tells {@code listener} about each request the engine refused with a protocol error: unknown transport or session
   * id, bad handshake method, bad request, refused by {@code allowRequest}, unsupported protocol version (the
   * reference's {@code io.engine.on("connection_error")}). Called on an I/O thread: return quickly.
   */
  public SocketIoServer onConnectionError(ConnectionErrorListener listener) {
    core.onConnectionError(listener);
    return this;
  }

  /**
   * Tells {@code listener} about each socket whose send buffer reaches its limit, once per socket, whatever its
   * {@link SlowConsumerPolicy}. Returns this server.
   */
  public SocketIoServer onSlowConsumer(SlowConsumerListener listener) {
    core.onSlowConsumer(listener);
    return this;
  }

  /** Sets the main namespace's {@link Namespace#slowConsumerPolicy(SlowConsumerPolicy)}. Returns this server. */
  public SocketIoServer slowConsumerPolicy(SlowConsumerPolicy policy) {
    main.slowConsumerPolicy(policy);
    return this;
  }

  /** The main namespace's {@link Namespace#slowConsumerPolicy()}. */
  public SlowConsumerPolicy slowConsumerPolicy() {
    return main.slowConsumerPolicy();
  }

  /**
   * Tells {@code listener} about each Engine.IO session opened (the reference's {@code io.engine.on("connection")}),
   * before its first message: the place to add the session's own listeners ({@link EngineSocket#onPacket} ...) from
   * its start. Called on the session's I/O thread: return quickly.
   */
  public SocketIoServer onEngineConnection(Consumer<EngineSocket> listener) {
    core.onEngineConnection(listener);
    return this;
  }

  /** Receives, on the main namespace, the events other servers send ({@link Namespace#onServerSideEvent}). */
  public SocketIoServer onServerSideEvent(ServerSideEventListener listener) {
    main.onServerSideEvent(listener);
    return this;
  }

  /**
   * The listener to give an Engine.IO engine: it turns the engine's sessions into Socket.IO connections. Used by
   * {@code listen}; needed only to run the engine yourself.
   */
  public EngineListener engineListener() {
    return core;
  }

  /** The Engine.IO engine under this server, to hand to a binding started by hand (e.g. {@code NettyServer}). */
  public EngineServer engine() {
    return engine;
  }

  /**
   * The HTTP handlers this server contributes to a binding, in order: the official browser client files
   * ({@code <path>socket.io.js}, {@code .min.js}, {@code .esm.min.js}, {@code .msgpack.min.js} and their maps) unless
   * {@link ServerOptions#serveClient()} is off, then the application's ({@link ServerOptions#httpHandlers()}). A
   * binding asks them before routing Engine.IO requests to {@link #engine()}.
   */
  public List<HttpHandler> httpHandlers() {
    return httpHandlers;
  }

  /** Starts serving on {@code port} on every interface (0: any free port); see {@link #listen(InetSocketAddress)}. */
  public ServerBinding listen(int port) {
    return listen(new InetSocketAddress(port));
  }

  /**
   * Starts serving on {@code address} with the binding found on the class path ({@code sio4j-netty} registers one),
   * and returns it (its {@code address()} gives the bound port). One binding per server.
   *
   * @throws IllegalStateException when no binding is on the class path or the server already listens
   * @throws UncheckedIOException when the address cannot be bound
   */
  public synchronized ServerBinding listen(InetSocketAddress address) {
    if (binding != null) {
      throw new IllegalStateException("already listening on " + binding.address());
    }
    ServerBindingFactory factory = ServiceLoader.load(ServerBindingFactory.class, SocketIoServer.class.getClassLoader())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no ServerBindingFactory on the class path: add sio4j-netty"));
    try {
      if (options.warmUpConnections() > 0) {
        warmUp(factory);
      }
      binding = factory.bind(engine, httpHandlers(), address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return binding;
  }

  // see ServerOptions.Builder#warmUpConnections: a private server on a loopback port, closed before this one binds
  // (a warm-up that cannot run costs the server its head start, never its start)
  private void warmUp(ServerBindingFactory factory) {
    SocketIoServer warm = new SocketIoServer(options.forWarmUp());
    try {
      warm.binding = factory.bindForWarmUp(warm.engine, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      WarmUp.run(warm, warm.binding.address(), options.warmUpConnections());
    } catch (IOException | RuntimeException e) {
      LoggerFactory.getLogger(SocketIoServer.class).warn("warm-up skipped: {}", e.toString());
    } finally {
      warm.close();
    }
  }

  /**
   * Takes this server out of service without losing its clients, before {@link #close()} in a rolling restart:
   * <ol>
   *   <li>new handshakes are refused with HTTP 503 (a load balancer then tries another node; see
   *       {@code examples/deploy/nginx.conf});
   *   <li>the connected clients' transports are closed in waves spread over {@code duration}, as transport closes
   *       (disconnect reason {@link DisconnectReason#TRANSPORT_CLOSE}): the official clients reconnect by themselves,
   *       to another node, where a Socket.IO DISCONNECT would have stopped them;
   *   <li>with connection state recovery on, each socket's session is handed to the adapter, and kept there, before
   *       its transport is closed, so that the node a client lands on recovers it (rooms, data, missed broadcasts) when the adapter shares
   *       sessions across the cluster (the Redis streams adapter, or the classic one with {@code sharedRecovery}).
   * </ol>
   * The future completes once every connection is closed and its sessions are handed over (at most
   * {@code duration} plus 5 s). The server keeps working for the cluster meanwhile (broadcasts, server-side emits).
   * Idempotent: a second call returns a future for the same drain.
   */
  public CompletableFuture<Void> drain(Duration duration) {
    return engine.drain(duration, session -> core.persistAhead(session.id()))
        .thenCompose(v -> core.persisted(DRAIN_PERSIST_WAIT_MILLIS));
  }

  /**
   * Disconnects every socket ("server shutting down"), stops the binding started by {@link #listen}, closes the
   * engine and releases the server's threads. Idempotent.
   */
  @Override
  public void close() {
    core.close();
    ServerBinding running = binding;
    if (running != null) {
      running.close();
    }
    engine.close();
  }

  @Override
  public BroadcastOperator to(String... rooms) {
    return main.to(rooms);
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    return main.except(rooms);
  }

  @Override
  public BroadcastOperator local() {
    return main.local();
  }

  @Override
  public BroadcastOperator asVolatile() {
    return main.asVolatile();
  }

  @Override
  public BroadcastOperator latest(String key) {
    return main.latest(key);
  }

  @Override
  public BroadcastOperator compress(boolean compress) {
    return main.compress(compress);
  }

  @Override
  public BroadcastOperator timeout(Duration timeout) {
    return main.timeout(timeout);
  }

  @Override
  public boolean emit(String event, Object... args) {
    return main.emit(event, args);
  }

  @Override
  public CompletableFuture<List<Arguments>> emitWithAck(String event, Object... args) {
    return main.emitWithAck(event, args);
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return main.fetchSockets();
  }

  @Override
  public void socketsJoin(String... rooms) {
    main.socketsJoin(rooms);
  }

  @Override
  public void socketsLeave(String... rooms) {
    main.socketsLeave(rooms);
  }

  @Override
  public void disconnectSockets(boolean close) {
    main.disconnectSockets(close);
  }
}
