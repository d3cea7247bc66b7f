package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineRequest;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.PacketDecoder;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
import dev.sio4j.protocol.socketio.SocketIoParseException;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.Handshake;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.TrustedProxies;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import dev.sio4j.server.adapter.RestoredSession;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins one Engine.IO session to its namespace sockets (the reference's {@code Client}): decodes its messages, handles
 * CONNECT/DISCONNECT per namespace, routes the other packets to the socket of their namespace, enforces the connect
 * timeout, and closes the session on a packet it cannot accept (socket.io-protocol: a parse error, a packet for a
 * namespace not joined).
 *
 * <p>A client of Engine.IO v3 speaks Socket.IO protocol revision 4 (socket.io-client 2.x): it joins {@code /} without
 * a CONNECT, names a namespace's auth as a query on the namespace ({@code 0/chat?token=x,}), gets a CONNECT answer
 * without payload and a CONNECT_ERROR whose payload is the error's data or message, and recovers no state; its socket
 * ids are those it computes itself (the reference's {@code conn.protocol === 3} branches).
 *
 * <p>{@link #onMessage} and {@link #onClose} run on the session's I/O thread, in order; nothing here blocks.
 */
final class ClientConnection {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  private final ServerCore server;
  private final EngineSocket engine;
  private final PacketDecoder decoder;
  // namespace name -> socket, read on every packet and changed when a namespace is joined or left: an immutable map
  // replaced on each change (under this object's lock) costs an idle connection 24 bytes, a concurrent map 130
  private volatile Map<String, SocketImpl> sockets = Map.of();
  // namespaces whose CONNECT is being handled: an immutable set replaced under this object's lock, empty (shared)
  // while nothing connects, as most of a connection's life (idle memory)
  private Set<String> connecting = Set.of();
  // dropped once a namespace is joined: a cancelled task is no garbage to keep per idle connection
  private volatile ScheduledFuture<?> connectTimer;
  private volatile boolean closed;

  ClientConnection(ServerCore server, EngineSocket engine) {
    this.server = server;
    this.engine = engine;
    this.decoder = server.options.parser()
        .newDecoder(server.mapper, server.options.maxAttachments(), this::onPacket);
    // socket.io-protocol: a client that joins no namespace within connectTimeout is closed
    this.connectTimer = server.scheduler.schedule(() -> {
      if (sockets.isEmpty() && engine.isOpen()) {
        log.debug("no namespace joined within the connect timeout: closing {}", engine.id());
        close(DisconnectReason.FORCED_SERVER_CLOSE);
      }
    }, server.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized boolean startConnecting(String name) {
    if (connecting.contains(name)) {
      return false;
    }
    Set<String> next = new HashSet<>(connecting);
    next.add(name);
    connecting = Set.copyOf(next);
    return true;
  }

  private synchronized void doneConnecting(String name) {
    if (connecting.contains(name)) {
      Set<String> next = new HashSet<>(connecting);
      next.remove(name);
      connecting = next.isEmpty() ? Set.of() : Set.copyOf(next);
    }
  }

  EngineSocket engine() {
    return engine;
  }

  /** Whether the client speaks Socket.IO protocol revision 4 (over Engine.IO v3). */
  boolean revision4() {
    return engine.protocol() == 3;
  }

  /**
   * Socket.IO revision 4: the client is in {@code /} as soon as the engine opens, without sending CONNECT (reference
   * index.ts {@code onconnection}); {@code /} gets an empty auth.
   */
  void connectMainNamespace() {
    if (startConnecting(SocketIoPacket.MAIN_NAMESPACE)) {
      connect(SocketIoPacket.MAIN_NAMESPACE, null);
    }
  }

  void onMessage(EngineIoPacket message) {
    if (closed) {
      return;
    }
    try {
      if (message.isBinary()) {
        decoder.add(message.binary());
      } else {
        decoder.add(message.text() == null ? "" : message.text());
      }
    } catch (SocketIoParseException e) {
      log.debug("invalid packet from {}: {}", engine.id(), e.getMessage());
      close(DisconnectReason.PARSE_ERROR);
    }
  }

  private void onPacket(SocketIoPacket packet) {
    String name = packet.namespace();
    JsonNode auth = packet.data();
    if (revision4()) {
      // Revision 4 carries a namespace's auth as its query (reference client.ts _parseNamespace)
      int query = name.indexOf('?');
      auth = query < 0 ? null : queryObject(name.substring(query + 1));
      name = query < 0 ? name : name.substring(0, query);
    }
    SocketImpl socket = sockets.get(name);
    if (packet.type() == SocketIoPacketType.CONNECT) {
      if (socket == null && startConnecting(name)) {
        connect(name, auth);
      } else {
        // a second CONNECT for a namespace already joined (or being joined)
        close(DisconnectReason.PARSE_ERROR);
      }
      return;
    }
    if (socket == null || packet.type() == SocketIoPacketType.CONNECT_ERROR) {
      log.debug("packet for namespace {} not joined by {}: closing", name, engine.id());
      close(DisconnectReason.PARSE_ERROR);
      return;
    }
    if (!socket.onPacket(packet)) {
      log.warn("socket {} of {} has {} packets waiting for its handlers (maxPendingPackets): closing the connection",
          socket.id(), engine.id(), server.options.maxPendingPackets());
      close(DisconnectReason.FORCED_SERVER_CLOSE);
    }
  }

  private void connect(String name, JsonNode auth) {
    NamespaceImpl namespace = server.resolve(name);
    if (namespace == null) {
      doneConnecting(name);
      refuse(name, "Invalid namespace", null);
      return;
    }
    JsonNode authObject = auth != null ? auth : server.mapper.createObjectNode();
    JsonNode pid = authObject.get("pid");
    JsonNode offset = authObject.get("offset");
    // a revision 4 client never got a pid to present (its CONNECT answer carries none)
    if (server.options.connectionStateRecovery().isEmpty() || revision4() || pid == null || !pid.isTextual()
        || offset == null || !offset.isTextual()) {
      join(namespace, name, authObject, null, null);
      return;
    }
    // connection state recovery: the client presents its private session id and the last offset it processed
    CompletableFuture<Void> previous = namespace.persisting(pid.asText());
    CompletableFuture<RestoredSession> restoring;
    if (previous == null) {
      restoring = restore(namespace, pid.asText(), offset.asText());
    } else {
      // The session's previous socket is still leaving, behind its queued handlers: wait until it persisted its
      // session, at most the connect timeout (then a fresh session).
      CompletableFuture<Void> waited = previous.copy();
      ScheduledFuture<?> cap = server.scheduler.schedule(() -> waited.complete(null),
          server.options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
      restoring = waited.thenCompose(v -> {
        cap.cancel(false);
        return restore(namespace, pid.asText(), offset.asText());
      });
    }
    restoring.whenComplete((session, error) -> {
      if (error != null && (closed || server.isClosed())) {
        // the connection or the server closed meanwhile, which is likely why the store failed: nothing to restore for
        log.debug("restoring session of {} failed while closing", engine.id(), error);
      } else if (error != null) {
        log.warn("restoring session of {} failed: a new session", engine.id(), error);
      }
      join(namespace, name, authObject, error == null ? session : null, offset.asText());
    });
  }

  private static CompletableFuture<RestoredSession> restore(NamespaceImpl namespace, String pid, String offset) {
    try {
      return namespace.adapter().restoreSession(pid, offset);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void join(NamespaceImpl namespace, String name, JsonNode authObject, RestoredSession session,
      String offset) {
    if (session != null && namespace.socket(session.state().sid()) != null) {
      // the session's socket is connected again already (its pid presented twice): this one starts afresh
      session = null;
    }
    if (session != null && session.missedPackets().size() >= server.options.engine().sendBufferSize()) {
      // the replay and the CONNECT answer would not fit the session's send buffer, and a cut replay loses events
      // silently: a fresh session (recovered false) tells the client to resynchronize instead
      log.debug("session {} missed {} packets, more than the send buffer holds: not recovered", session.state().sid(),
          session.missedPackets().size());
      session = null;
    }
    // revision 4: the socket id is the one the client computes, the engine's id qualified by the namespace (reference
    // socket.ts); revision 5 keeps the engine's id private
    String id = session != null ? session.state().sid()
        : !revision4() ? server.newId()
        : SocketIoPacket.MAIN_NAMESPACE.equals(name) ? engine.id() : name + "#" + engine.id();
    SocketImpl socket = new SocketImpl(namespace, this, id, handshake(authObject), session, offset);
    // a recovered socket passed the middlewares when it first connected (reference: skipMiddlewares)
    boolean skip = session != null && server.options.connectionStateRecovery().get().skipMiddlewares();
    List<Middleware> middlewares = skip ? List.of() : namespace.middlewares();
    // the middlewares are user code: they run on the socket's handler executor, never here
    // Once the socket is attached (or given up), before the CONNECT answer goes out: from then on a CONNECT for this
    // namespace is a protocol violation again only if the socket is still there.
    Runnable settled = () -> {
      namespace.release();
      doneConnecting(name);
    };
    Runnable joined = () -> {
      if (!closed && engine.isOpen()) {
        socket.connect(settled);
      } else {
        settled.run();
      }
    };
    java.util.function.Consumer<Exception> refused = error -> {
      namespace.release();
      doneConnecting(name);
      if (!closed) {
        Object data = error instanceof ConnectionRefusedException refusal ? refusal.data() : null;
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        if (revision4()) {
          // reference namespace.ts: a revision 4 client gets the error's data, or else its message, as the payload
          send(SocketIoPacket.connectError(name, data != null ? Values.toNode(server.mapper, data)
              : server.mapper.getNodeFactory().textNode(message)));
        } else {
          refuse(name, message, data);
        }
      }
    };
    socket.serial.execute(() -> Chain.run(middlewares, (m, next) -> m.handle(socket, next), socket.serial,
        joined, refused));
  }

  private void refuse(String name, String message, Object data) {
    ObjectNode error = server.mapper.createObjectNode().put("message", message);
    if (data != null) {
      error.set("data", Values.toNode(server.mapper, data));
    }
    send(SocketIoPacket.connectError(name, error));
  }

  /** A query string as the reference's {@code Object.fromEntries(searchParams)}: decoded, the last value wins. */
  private ObjectNode queryObject(String query) {
    ObjectNode object = server.mapper.createObjectNode();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        object.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // a malformed escape: kept as sent, as URLSearchParams keeps it
        object.put(key, value);
      }
    }
    return object;
  }

  private Handshake handshake(JsonNode auth) {
    EngineRequest request = engine.request();
    InetSocketAddress remote = request.remoteAddress();
    String address = remote == null ? "" : server.shareAddress(clientAddress(request, remote));
    return new Handshake(request.headers(), server.handshakeTime(request.timeMillis()), address,
        request.header("origin") != null, request.secure(), request.timeMillis(), request.uri(), request.query(), auth);
  }

  private String clientAddress(EngineRequest request, InetSocketAddress remote) {
    if (remote.getAddress() == null) {
      return remote.getHostString();
    }
    TrustedProxies proxies = server.options.trustedProxies();
    if (proxies.isEmpty()) {
      return remote.getAddress().getHostAddress();
    }
    List<String> forwardedFor = request.headers().getOrDefault("x-forwarded-for", List.of());
    return proxies.clientAddress(remote.getAddress(), forwardedFor);
  }

  /** Sends a packet of the connection's own (CONNECT_ERROR, DISCONNECT); a full send buffer closes the connection. */
  void send(SocketIoPacket packet) {
    if (!engine.send(server.encoder.encode(packet), true) && engine.isOpen()) {
      log.warn("connection {}: send buffer full: closing it so that the client reconnects", engine.id());
      overflow();
    }
  }

  /**
   * A packet could not be queued because the session's send buffer is full: every socket leaves with "send buffer
   * full", and the session closes at once, so that the client sees its transport close and reconnects.
   */
  void overflow() {
    if (closed) {
      return;
    }
    closed = true;
    closeSockets(DisconnectReason.SEND_BUFFER_FULL);
    engine.close(EngineCloseReason.SEND_BUFFER_FULL, "send buffer full");
  }

  /** @return false when the connection closed meanwhile (the socket must leave at once) */
  boolean attach(SocketImpl socket) {
    synchronized (this) {
      Map<String, SocketImpl> next = new HashMap<>(sockets);
      next.put(socket.namespace().name(), socket);
      sockets = Map.copyOf(next);
    }
    cancelConnectTimer();
    // closeSockets() may have run between the caller's check and the put: it would have missed this socket
    return !closed;
  }

  void detach(SocketImpl socket) {
    synchronized (this) {
      if (sockets.get(socket.namespace().name()) == socket) {
        Map<String, SocketImpl> next = new HashMap<>(sockets);
        next.remove(socket.namespace().name());
        sockets = Map.copyOf(next);
      }
    }
  }

  /** {@code socket.disconnect(true)}: every socket leaves ("server namespace disconnect"), then the session closes. */
  void disconnectAll() {
    for (SocketImpl socket : sockets.values()) {
      socket.disconnect(false);
    }
    close(DisconnectReason.FORCED_SERVER_CLOSE);
  }

  /** Closes every socket for {@code reason} (server shutdown). */
  void closeAll(DisconnectReason reason) {
    close(reason);
  }

  /** Closes the sockets with {@code reason}, then the Engine.IO session. */
  private void close(DisconnectReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    closeSockets(reason);
    engine.close();
  }

  /** {@link SocketImpl#persistAhead()} for each of the connection's sockets. */
  CompletableFuture<Void> persistAhead() {
    return CompletableFuture.allOf(sockets.values().stream().map(SocketImpl::persistAhead)
        .toArray(CompletableFuture[]::new));
  }

  /** The Engine.IO session closed. */
  void onClose(DisconnectReason reason, String description) {
    closed = true;
    log.debug("session {} closed: {} {}", engine.id(), reason, description == null ? "" : description);
    decoder.reset();
    closeSockets(reason);
  }

  private void cancelConnectTimer() {
    ScheduledFuture<?> timer = connectTimer;
    if (timer != null) {
      timer.cancel(false);
      connectTimer = null;
    }
  }

  private void closeSockets(DisconnectReason reason) {
    cancelConnectTimer();
    Map<String, SocketImpl> closing;
    synchronized (this) {
      closing = sockets;
      sockets = Map.of();
    }
    for (SocketImpl socket : closing.values()) {
      socket.onClose(reason);
    }
  }
}
