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
import java.net.InetSocketAddress;
import dev.sio4j.server.adapter.RestoredSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>{@link #onMessage} and {@link #onClose} run on the session's I/O thread, in order; nothing here blocks.
 */
final class ClientConnection {
  private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);

  private final ServerCore server;
  private final EngineSocket engine;
  private final PacketDecoder decoder;
  // sized for the usual one or two namespaces per connection (issue 6: idle memory)
  private final Map<String, SocketImpl> sockets = new ConcurrentHashMap<>(2);
  // namespaces whose CONNECT is being handled: an immutable set replaced under this object's lock, empty (shared)
  // while nothing connects, as most of a connection's life (issue 6: idle memory)
  private Set<String> connecting = Set.of();
  // dropped once a namespace is joined: a cancelled task is no garbage to keep per idle connection (issue 6)
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
    SocketImpl socket = sockets.get(name);
    if (packet.type() == SocketIoPacketType.CONNECT) {
      if (socket == null && startConnecting(name)) {
        connect(name, packet.data());
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
    if (server.options.connectionStateRecovery().isEmpty() || pid == null || !pid.isTextual() || offset == null
        || !offset.isTextual()) {
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
      if (error != null) {
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
    String id = session != null ? session.state().sid() : server.newId();
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
        refuse(name, error.getMessage() == null ? error.toString() : error.getMessage(), data);
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

  private Handshake handshake(JsonNode auth) {
    EngineRequest request = engine.request();
    InetSocketAddress remote = request.remoteAddress();
    String address = remote == null ? ""
        : server.shareAddress(remote.getAddress() != null ? remote.getAddress().getHostAddress()
            : remote.getHostString());
    return new Handshake(request.headers(), server.handshakeTime(request.timeMillis()), address,
        request.header("origin") != null, request.secure(), request.timeMillis(), request.uri(), request.query(), auth);
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
    sockets.put(socket.namespace().name(), socket);
    cancelConnectTimer();
    // closeSockets() may have run between the caller's check and the put: it would have missed this socket
    return !closed;
  }

  void detach(SocketImpl socket) {
    sockets.remove(socket.namespace().name(), socket);
  }

  /** {@code socket.disconnect(true)}: every socket leaves ("server namespace disconnect"), then the session closes. */
  void disconnectAll() {
    for (SocketImpl socket : new ArrayList<>(sockets.values())) {
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
    for (SocketImpl socket : new ArrayList<>(sockets.values())) {
      socket.onClose(reason);
    }
    sockets.clear();
  }
}
