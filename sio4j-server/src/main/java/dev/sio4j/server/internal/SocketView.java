package dev.sio4j.server.internal;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.server.AnyListener;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.DisconnectListener;
import dev.sio4j.server.ErrorListener;
import dev.sio4j.server.EventListener;
import dev.sio4j.server.Handshake;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.PacketMiddleware;
import dev.sio4j.server.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A socket seen through emit flags ({@code socket.asVolatile()}, {@code compress}, {@code timeout}); immutable. */
final class SocketView implements Socket {
  private final SocketImpl socket;
  private final SocketImpl.Flags flags;

  SocketView(SocketImpl socket, SocketImpl.Flags flags) {
    this.socket = socket;
    this.flags = flags;
  }

  static long positiveMillis(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return timeout.toMillis();
  }

  @Override
  public boolean emit(String event, Object... args) {
    return socket.emit(flags, event, args);
  }

  @Override
  public CompletableFuture<Arguments> emitWithAck(String event, Object... args) {
    return socket.emitWithAck(flags, event, args);
  }

  @Override
  public Socket asVolatile() {
    return new SocketView(socket, new SocketImpl.Flags(true, flags.compress(), flags.timeoutMillis(), flags.key()));
  }

  @Override
  public Socket latest(String key) {
    return new SocketView(socket, new SocketImpl.Flags(flags.volatileFlag(), flags.compress(), flags.timeoutMillis(),
        java.util.Objects.requireNonNull(key, "key")));
  }

  @Override
  public Socket compress(boolean compress) {
    return new SocketView(socket, new SocketImpl.Flags(flags.volatileFlag(), compress, flags.timeoutMillis(), flags.key()));
  }

  @Override
  public Socket timeout(Duration timeout) {
    return new SocketView(socket,
        new SocketImpl.Flags(flags.volatileFlag(), flags.compress(), positiveMillis(timeout),
            flags.key()));
  }

  @Override
  public BroadcastOperator broadcast() {
    BroadcastOperator operator = socket.broadcast().compress(flags.compress());
    operator = flags.volatileFlag() ? operator.asVolatile() : operator;
    operator = flags.key() != null ? operator.latest(flags.key()) : operator;
    return flags.timeoutMillis() > 0 ? operator.timeout(flags.timeoutMillis()) : operator;
  }

  @Override
  public String id() {
    return socket.id();
  }

  @Override
  public Handshake handshake() {
    return socket.handshake();
  }

  @Override
  public Set<String> rooms() {
    return socket.rooms();
  }

  @Override
  public Map<String, Object> data() {
    return socket.data();
  }

  @Override
  public void join(String... rooms) {
    socket.join(rooms);
  }

  @Override
  public void leave(String room) {
    socket.leave(room);
  }

  @Override
  public void disconnect(boolean close) {
    socket.disconnect(close);
  }

  @Override
  public Namespace namespace() {
    return socket.namespace();
  }

  @Override
  public boolean connected() {
    return socket.connected();
  }

  @Override
  public boolean recovered() {
    return socket.recovered();
  }

  @Override
  public String connectionId() {
    return socket.connectionId();
  }

  @Override
  public String transport() {
    return socket.transport();
  }

  @Override
  public EngineSocket conn() {
    return socket.conn();
  }

  @Override
  public Socket on(String event, EventListener listener) {
    socket.on(event, listener);
    return this;
  }

  @Override
  public Socket once(String event, EventListener listener) {
    socket.once(event, listener);
    return this;
  }

  @Override
  public Socket off(String event, EventListener listener) {
    socket.off(event, listener);
    return this;
  }

  @Override
  public Socket off(String event) {
    socket.off(event);
    return this;
  }

  @Override
  public Socket onAny(AnyListener listener) {
    socket.onAny(listener);
    return this;
  }

  @Override
  public Socket prependAny(AnyListener listener) {
    socket.prependAny(listener);
    return this;
  }

  @Override
  public Socket offAny(AnyListener listener) {
    socket.offAny(listener);
    return this;
  }

  @Override
  public Socket offAny() {
    socket.offAny();
    return this;
  }

  @Override
  public Socket onAnyOutgoing(AnyListener listener) {
    socket.onAnyOutgoing(listener);
    return this;
  }

  @Override
  public Socket prependAnyOutgoing(AnyListener listener) {
    socket.prependAnyOutgoing(listener);
    return this;
  }

  @Override
  public Socket offAnyOutgoing(AnyListener listener) {
    socket.offAnyOutgoing(listener);
    return this;
  }

  @Override
  public Socket onDisconnecting(DisconnectListener listener) {
    socket.onDisconnecting(listener);
    return this;
  }

  @Override
  public Socket onDisconnect(DisconnectListener listener) {
    socket.onDisconnect(listener);
    return this;
  }

  @Override
  public Socket onError(ErrorListener listener) {
    socket.onError(listener);
    return this;
  }

  @Override
  public Socket use(PacketMiddleware middleware) {
    socket.use(middleware);
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o == socket || o instanceof SocketView v && v.socket == socket;
  }

  @Override
  public int hashCode() {
    return socket.hashCode();
  }

  @Override
  public String toString() {
    return socket + flags.toString();
  }
}
