package dev.sio4j.engine.internal;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.HttpExchange;
import dev.sio4j.engine.SessionIdGenerator;
import dev.sio4j.engine.spi.WebSocketUpgrade;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link dev.sio4j.engine.EngineServer}: checks each request as the reference's
 * {@code server.ts verify()} does, opens sessions (handshake), routes the requests of open ones.
 *
 * <p>Owns its scheduler thread (heartbeats and timeouts, millisecond precision), its session registry and id
 * generator: several engines run side by side in one JVM.
 */
public final class EngineCore {
  private static final Logger log = LoggerFactory.getLogger(EngineCore.class);
  private static final long LATE_GET_GRACE_MILLIS = 2_000;
  private static final String DRAINING = "Server draining";

  private final EngineOptions options;
  private final EngineListener listener;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ResponseWriter responses;
  private final RequestStrings strings = new RequestStrings();
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
  private final SessionOwner owner = new SessionOwner();
  /**
   * Sessions the client closed by POST while no GET was held, with their protocol revision: one late GET each is
   * answered with NOOP.
   */
  private final Map<String, Integer> closedByClient = new ConcurrentHashMap<>();
  private final AtomicInteger sessionCount = new AtomicInteger();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean closed;
  private volatile SessionDrain drain;

  public EngineCore(EngineOptions options, EngineListener listener) {
    this.options = options;
    this.listener = listener;
    String name = "sio4j-engine-timer@" + Integer.toHexString(System.identityHashCode(this));
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
    this.scheduler.setRemoveOnCancelPolicy(true);
    this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.responses = new ResponseWriter(options, strings);
  }
  /** The listener the engine reports to. */
  public EngineListener listener() {
    return listener;
  }


  public EngineOptions options() {
    return options;
  }

  public int sessionCount() {
    return sessions.size();
  }

  public EngineSocket session(String id) {
    return sessions.get(id);
  }

  public Collection<? extends EngineSocket> sessions() {
    return List.copyOf(sessions.values());
  }

  // ---- HTTP (long-polling)

  public void handleRequest(HttpExchange exchange) {
    if (options.cors() != null && "OPTIONS".equals(exchange.method())) {
      responses.preflight(exchange);
      return;
    }
    String transportName = first(exchange, "transport");
    EngineOptions.Transport transport = EngineOptions.Transport.fromWireName(transportName);
    if (transport == null || !options.transports().contains(transport)) {
      refuse(exchange, EngineError.UNKNOWN_TRANSPORT);
      return;
    }
    if (invalidHeaderValue(exchange.header("origin"))) {
      refuse(exchange, EngineError.BAD_REQUEST);
      return;
    }
    String sid = first(exchange, "sid");
    if (sid != null) {
      EngineSession session = sessions.get(sid);
      if (session == null) {
        answerClosedSession(exchange, sid);
        return;
      }
      Transport current = session.currentTransport();
      if (!current.servesHttp() || !current.name().equals(transport.wireName())) {
        // Reference verify(): TRANSPORT_MISMATCH, e.g. a GET of a session that upgraded to WebSocket.
        refuse(exchange, EngineError.BAD_REQUEST);
        return;
      }
      session.executor().execute(() -> current.onHttpRequest(exchange));
      return;
    }
    if (!"GET".equals(exchange.method())) {
      refuse(exchange, EngineError.BAD_HANDSHAKE_METHOD);
      return;
    }
    if (transport == EngineOptions.Transport.WEBSOCKET) {
      // Reference verify(): a WebSocket handshake must be an upgrade request.
      refuse(exchange, EngineError.BAD_REQUEST);
      return;
    }
    EngineRequest request = Requests.of(exchange, strings);
    admit(exchange, request, refusal -> {
      if (refusal != null) {
        refuse(exchange, refusal.status, refusal.error, refusal.message);
        return;
      }
      String id = newId(request);
      if (id == null) {
        sessionCount.decrementAndGet();
        refuse(exchange, EngineError.BAD_REQUEST);
        return;
      }
      EngineSession session = newSession(id, request, protocol(exchange));
      PollingTransport polling = new PollingTransport(session, new HandshakeAwareWriter(id, request),
          supportsBinary(exchange));
      sessions.put(id, session);
      session.executor().execute(() -> session.start(polling, handshakeJson(id, true), exchange));
    });
  }

  // ---- WebSocket

  public void handleUpgrade(HttpExchange exchange, WebSocketUpgrade upgrade) {
    String transportName = first(exchange, "transport");
    EngineOptions.Transport transport = EngineOptions.Transport.fromWireName(transportName);
    if (transport == null || !options.transports().contains(transport)) {
      abortUpgrade(exchange, EngineError.UNKNOWN_TRANSPORT, null);
      return;
    }
    if (transport != EngineOptions.Transport.WEBSOCKET) {
      abortUpgrade(exchange, EngineError.BAD_REQUEST, null);
      return;
    }
    if (invalidHeaderValue(exchange.header("origin"))) {
      abortUpgrade(exchange, EngineError.BAD_REQUEST, null);
      return;
    }
    String sid = first(exchange, "sid");
    Map<String, String> headers = new LinkedHashMap<>();
    if (sid != null) {
      EngineSession session = sessions.get(sid);
      if (session == null) {
        abortUpgrade(exchange, drain != null ? 503 : 400, EngineError.UNKNOWN_SID, null);
        return;
      }
      if (!options.allowUpgrades()) {
        abortUpgrade(exchange, EngineError.BAD_REQUEST, null);
        return;
      }
      headers.putAll(responses.corsHeaders(exchange));
      responses.applyHook(exchange, headers);
      upgrade.accept(headers, options.maxPayload(), new WebSocketTransport(session, null, null,
          supportsBinary(exchange)));
      return;
    }
    if (!"GET".equals(exchange.method())) {
      abortUpgrade(exchange, EngineError.BAD_HANDSHAKE_METHOD, null);
      return;
    }
    EngineRequest request = Requests.of(exchange, strings);
    admit(exchange, request, refusal -> {
      if (refusal != null) {
        abortUpgrade(exchange, DRAINING.equals(refusal.message) ? 503 : 400, refusal.error, refusal.message);
        return;
      }
      String id = newId(request);
      if (id == null) {
        sessionCount.decrementAndGet();
        abortUpgrade(exchange, EngineError.BAD_REQUEST, null);
        return;
      }
      // Reference server.ts init(): the 101 carries the CORS middleware's headers, then the initial_headers and
      // headers hooks; no io cookie (the reference adds it from the polling transport's "headers" event only)
      headers.putAll(responses.corsHeaders(exchange));
      runInitialHeadersHook(request, headers);
      responses.applyHook(exchange, headers);
      EngineSession session = newSession(id, request, protocol(exchange));
      upgrade.accept(headers, options.maxPayload(), new WebSocketTransport(null, ws -> {
        ws.bind(session);
        sessions.put(id, session);
        session.executor().execute(() -> session.start(ws, handshakeJson(id, false), null));
      }, sessionCount::decrementAndGet, supportsBinary(exchange)));
    });
  }

  // ---- shutdown

  /**
   * Refuses new sessions from now on (503, so that a load balancer tries another node, and requests for sessions this
   * engine does not know get 503 too, for the same reason), and closes the open ones in waves over {@code millis} as
   * transport closes, each once {@code beforeClose} completed for it. The future completes once no session is left. Idempotent: a second call returns the first's.
   */
  public synchronized CompletableFuture<Void> drain(long millis,
      java.util.function.Function<EngineSocket, CompletionStage<Void>> beforeClose) {
    if (drain == null) {
      drain = new SessionDrain(scheduler, () -> List.copyOf(sessions.values()), beforeClose);
      drain.start(millis);
    }
    return drain.done();
  }

  /** Whether {@link #drain} was called. */
  public boolean draining() {
    return drain != null;
  }

  /** Closes every session with "server shutting down" and stops the scheduler. Idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EngineSession session : sessions.values()) {
      session.shutdown();
    }
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- helpers

  private record Refusal(int status, EngineError error, String message) {}

  /**
   * The handshake checks after verify(): allowRequest (possibly asynchronous), then the protocol version, then
   * capacity. Reserves
   * a session slot, then calls {@code then} with {@code null}, or with the refusal.
   */
  private void admit(HttpExchange exchange, EngineRequest request, Consumer<Refusal> then) {
    if (closed) {
      then.accept(new Refusal(503, EngineError.BAD_REQUEST, "Server shutting down"));
      return;
    }
    if (drain != null) {
      then.accept(new Refusal(503, EngineError.BAD_REQUEST, DRAINING));
      return;
    }
    AllowRequest allow = options.allowRequest();
    CompletionStage<AllowRequest.Decision> decided;
    try {
      decided = allow == null ? CompletableFuture.completedFuture(AllowRequest.Decision.allow())
          : allow.checkAsync(request);
    } catch (RuntimeException e) {
      decided = CompletableFuture.failedFuture(e);
    }
    decided.whenComplete((decision, error) -> {
      Refusal refusal = null;
      if (error != null) {
        log.error("allowRequest failed", error);
        refusal = new Refusal(403, EngineError.FORBIDDEN, null);
      } else if (decision == null || !decision.allowed()) {
        refusal = new Refusal(403, EngineError.FORBIDDEN, decision == null ? null : decision.message());
      } else if (protocol(exchange) == 3 && !options.allowEIO3()) {
        // Reference server.ts: verify() (with allowRequest) comes first, then handshake() checks the version
        refusal = new Refusal(400, EngineError.UNSUPPORTED_PROTOCOL_VERSION, null);
      } else if (closed) {
        refusal = new Refusal(503, EngineError.BAD_REQUEST, "Server shutting down");
      } else if (sessionCount.incrementAndGet() > options.maxSessions()) {
        sessionCount.decrementAndGet();
        refusal = new Refusal(503, EngineError.FORBIDDEN, "Too many sessions");
      }
      try {
        then.accept(refusal);
      } catch (RuntimeException e) {
        log.error("handshake of {} failed", exchange.uri(), e);
      }
    });
  }

  private EngineSession newSession(String id, EngineRequest request, int protocol) {
    return new EngineSession(id, request, protocol, options, listener, scheduler, owner);
  }

  private final class SessionOwner implements EngineSession.Owner {
    @Override
    public void ended(EngineSession session) {
      if (sessions.remove(session.id()) != null) {
        sessionCount.decrementAndGet();
      }
    }

    @Override
    public void answerClosed(EngineSession session, HttpExchange exchange) {
      answerClosedSession(exchange, session.id());
    }

    @Override
    public void closedByClient(EngineSession session) {
      String id = session.id();
      closedByClient.put(id, session.protocol());
      try {
        scheduler.schedule(() -> closedByClient.remove(id), LATE_GET_GRACE_MILLIS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        closedByClient.remove(id);
      }
    }
  }

  /**
   * A request for a session that is gone (or closed while the request was on its way): unknown sid, except one late
   * GET of a session the client closed by POST, which gets the NOOP the reference would have sent it.
   */
  void answerClosedSession(HttpExchange exchange, String sid) {
    Integer protocol = "GET".equals(exchange.method()) ? closedByClient.remove(sid) : null;
    if (protocol != null) {
      // a v3 payload frames the packet with its length (engine.io-protocol v3, "Payload")
      byte[] noop = protocol == 3 ? new byte[] {'1', ':', '6'} : new byte[] {'6'};
      responses.respond(exchange, 200, "text/plain; charset=UTF-8", noop, false, null);
      return;
    }
    // While draining, a session this node does not know is another node's (the balancer re-routed the client): 503
    // asks the balancer to try the next node.
    refuse(exchange, drain != null ? 503 : EngineError.UNKNOWN_SID.status, EngineError.UNKNOWN_SID, null);
  }

  private void refuse(HttpExchange exchange, EngineError error) {
    refuse(exchange, error.status, error, null);
  }

  private void refuse(HttpExchange exchange, int status, EngineError error, String message) {
    notifyError(exchange, error, message);
    responses.error(exchange, status, error, message);
  }

  private void notifyError(HttpExchange exchange, EngineError error, String message) {
    try {
      listener.onConnectionError(Requests.of(exchange, strings), error.code, message != null ? message : error.message);
    } catch (RuntimeException e) {
      log.error("listener onConnectionError failed", e);
    }
  }

  private void abortUpgrade(HttpExchange exchange, EngineError error, String message) {
    abortUpgrade(exchange, 400, error, message);
  }

  private void abortUpgrade(HttpExchange exchange, int status, EngineError error, String message) {
    notifyError(exchange, error, message);
    // Reference server.ts abortUpgrade: a plain 400 with the message as text, then the connection is closed.
    String text = message != null ? message : error.message;
    // The reference writes this answer on the raw socket: no CORS or hook headers.
    responses.bare(exchange, status, Map.of("Content-Type", "text/html", "Connection", "close"),
        text.getBytes(StandardCharsets.UTF_8));
  }

  private void initialHeaders(String id, EngineRequest request, Map<String, String> headers) {
    if (options.cookie() != null) {
      headers.put("Set-Cookie", options.cookie().headerValue(id));
    }
    runInitialHeadersHook(request, headers);
  }

  private void runInitialHeadersHook(EngineRequest request, Map<String, String> headers) {
    if (options.initialHeaders() != null) {
      try {
        options.initialHeaders().onHeaders(request, headers);
      } catch (RuntimeException e) {
        log.error("initialHeaders hook failed", e);
      }
    }
  }

  private String handshakeJson(String id, boolean polling) {
    boolean upgrades = polling && options.allowUpgrades() && options.transports().contains(
        EngineOptions.Transport.WEBSOCKET);
    return "{\"sid\":\"" + id + "\",\"upgrades\":[" + (upgrades ? "\"websocket\"" : "") + "],\"pingInterval\":"
        + options.pingIntervalMillis() + ",\"pingTimeout\":" + options.pingTimeoutMillis() + ",\"maxPayload\":"
        + options.maxPayload() + "}";
  }

  /**
   * The id of the session {@code request} opens: the {@link EngineOptions#generateId()} one, or {@code null} when it
   * failed or gave an empty, unsafe or taken id; else as the reference's base64id: 15 random bytes, base64url, 20
   * characters.
   */
  private String newId(EngineRequest request) {
    SessionIdGenerator generator = options.generateId();
    if (generator != null) {
      String id;
      try {
        id = generator.generate(request);
      } catch (RuntimeException e) {
        log.error("generateId failed", e);
        return null;
      }
      if (id == null || id.isEmpty() || !urlSafe(id) || sessions.containsKey(id)) {
        log.error("generateId gave an empty, unsafe or taken session id: {}", id);
        return null;
      }
      return id;
    }
    byte[] bytes = new byte[15];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (sessions.containsKey(id));
    return id;
  }

  /**
   * The protocol revision a handshake asks for: 4 for {@code EIO=4}, else 3, as the reference's {@code handshake()}
   * ("3rd revision by default"); admitted only with allowEIO3.
   */
  private static int protocol(HttpExchange exchange) {
    return "4".equals(first(exchange, "EIO")) ? 4 : 3;
  }

  /**
   * Whether the client of this request takes binary data (Engine.IO v3 only): it sends {@code b64} with a value when
   * it does not (reference transport.ts: {@code !req._query.b64}, where an empty value counts as absent).
   */
  private static boolean supportsBinary(HttpExchange exchange) {
    String b64 = first(exchange, "b64");
    return b64 == null || b64.isEmpty();
  }

  private static String first(HttpExchange exchange, String name) {
    List<String> values = exchange.queryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether {@code id} is made of RFC 3986 unreserved characters only (it travels unescaped in {@code sid}). */
  private static boolean urlSafe(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.' || c == '~';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Reference server.ts checkInvalidHeaderChar: control characters other than tab are refused. */
  private static boolean invalidHeaderValue(String value) {
    if (value == null) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return true;
      }
    }
    return false;
  }

  /** Writes the handshake GET's answer with the cookie and initial headers; later answers without. */
  private final class HandshakeAwareWriter extends ResponseWriter {
    private final String id;
    private final EngineRequest request;
    private boolean first = true;

    HandshakeAwareWriter(String id, EngineRequest request) {
      super(options, strings);
      this.id = id;
      this.request = request;
    }

    @Override
    void respond(HttpExchange exchange, int status, String contentType, byte[] body, boolean compress,
        EngineRequest sessionRequest) {
      if (first) {
        first = false;
        Map<String, String> extra = new LinkedHashMap<>();
        initialHeaders(id, request, extra);
        respond(exchange, status, contentType, body, compress, sessionRequest, extra);
      } else {
        super.respond(exchange, status, contentType, body, compress, sessionRequest);
      }
    }
  }
}
