package dev.sio4j.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.client.internal.ClientThreadPools;
import dev.sio4j.protocol.socketio.SocketIoJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point, as the JS client's {@code io()}: {@code socket("http://host:port/admin", options)} returns a
 * connecting socket for namespace {@code /admin}. Sockets of one server share one {@link Manager} (one connection)
 * unless {@code forceNew} or {@code multiplex(false)} is set, or the namespace already has a socket on it.
 *
 * <p>The cache lives in this object (there is no static state): keep one {@code SocketIoClient} per application.
 *
 * <p>Its managers share one set of threads (an event loop pool, a listener pool), created with the first manager and
 * ended with the last one closed: a connected socket costs OkHttp's WebSocket reader thread and no thread of its own.
 * Thread-safe. {@link #close()} closes every manager it created, ending their threads.
 */
public final class SocketIoClient implements AutoCloseable {
  private final Map<String, Manager> managers = new ConcurrentHashMap<>();
  private final List<Manager> all = new ArrayList<>();
  // the protocol codec's mapper, shared by the managers (it holds no state of theirs)
  private final ObjectMapper codecMapper = SocketIoJson.newMapper();
  // the managers' threads: one loop pool and one listener pool per thread-name prefix, ended with the last manager
  private final ClientThreadPools threadPools;

  /** A client with the default {@link Builder} settings. */
  public SocketIoClient() {
    this(builder());
  }

  private SocketIoClient(Builder b) {
    this.threadPools = new ClientThreadPools(b.loopThreads, b.listenerKeepAlive.toMillis());
  }

  /** A builder for a client with other thread settings than the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SocketIoClient}: the threads its managers share. Not thread-safe. */
  public static final class Builder {
    private int loopThreads = ClientThreadPools.LOOP_THREADS;
    private Duration listenerKeepAlive = Duration.ofMillis(ClientThreadPools.LISTENER_KEEP_ALIVE_MILLIS);

    private Builder() {}

    /**
     * Threads of the event loop the managers share (protocol state, timers, transport callbacks; nothing there
     * blocks). Default: one per processor, at most 4.
     */
    public Builder loopThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("loopThreads must be at least 1: " + threads);
      }
      this.loopThreads = threads;
      return this;
    }

    /**
     * How long an idle listener thread waits for work before it ends (default 5 s). Listener threads are added while
     * listeners run at once (a listener may block), and end after this long without work.
     */
    public Builder listenerKeepAlive(Duration keepAlive) {
      Objects.requireNonNull(keepAlive, "keepAlive");
      if (keepAlive.isNegative()) {
        throw new IllegalArgumentException("listenerKeepAlive must not be negative: " + keepAlive);
      }
      this.listenerKeepAlive = keepAlive;
      return this;
    }

    public SocketIoClient build() {
      return new SocketIoClient(this);
    }
  }

  /** A connecting socket for {@code uri}'s namespace (its path; {@code /} when empty), with default options. */
  public Socket socket(String uri) {
    return socket(URI.create(uri), ClientOptions.defaults());
  }

  public Socket socket(String uri, ClientOptions options) {
    return socket(URI.create(uri), options);
  }

  /** A connecting socket for {@code uri}'s namespace (its path; {@code /} when empty). */
  public synchronized Socket socket(URI uri, ClientOptions options) {
    String nsp = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    URI server = URI.create(uri.getScheme() + "://" + uri.getRawAuthority()
        + (uri.getRawQuery() == null ? "" : "/?" + uri.getRawQuery()));
    String key = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    Manager cached = managers.get(key);
    if (cached != null && cached.isClosed()) {
      managers.remove(key);
      cached = null;
    }
    boolean newManager = options.forceNew() || !options.multiplex() || cached == null
        || cached.hasSocket(nsp);
    Manager manager;
    if (newManager) {
      manager = new Manager(server, options, codecMapper, threadPools);
      all.add(manager);
      if (options.multiplex() && !options.forceNew() && cached == null) {
        managers.put(key, manager);
      }
    } else {
      manager = cached;
    }
    all.removeIf(Manager::isClosed);
    Socket socket = manager.socket(nsp, options);
    return options.autoConnect() ? socket.connect() : socket;
  }

  /** Closes every manager this client created. */
  @Override
  public synchronized void close() {
    all.forEach(Manager::close);
    all.clear();
    managers.clear();
  }
}
