package dev.sio4j.server;

import dev.sio4j.engine.EngineSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One client connected to one namespace (many sockets may share a connection, one per namespace).
 *
 * <p>Lifecycle: created when the client's CONNECT passed the namespace middlewares; connected until it disconnects
 * (either side, or the connection closes), after which emits are dropped. Listeners run on the socket's handler
 * executor, one at a time in arrival order; every method may be called from any thread.
 */
public interface Socket extends RemoteSocket {
  /** The socket's namespace. */
  Namespace namespace();

  /** Whether the socket is connected. */
  boolean connected();

  /**
   * Whether this socket is a recovered one ({@code socket.recovered} in the reference): with connection state recovery
   * on, the client came back in time after losing its connection, and got back its id, rooms and data; the events it
   * missed were sent again, in order, right after the CONNECT answer. Fixed for the socket's life.
   */
  boolean recovered();

  /** The underlying Engine.IO session id. */
  String connectionId();

  /** The current transport of the connection: {@code polling} or {@code websocket}. */
  String transport();

  /**
   * The underlying Engine.IO session ({@code socket.conn} in the reference), shared by the sockets of every namespace
   * of the connection. Closing it drops the transport without a Socket.IO DISCONNECT, so the client reconnects.
   */
  EngineSocket conn();

  /** Registers {@code listener} for {@code event}. */
  Socket on(String event, EventListener listener);

  /**
   * Registers {@code listener} for {@code event}, its first argument bound to {@code type} by Jackson. Remove it with
   * {@link #off(String)}.
   */
  default <T> Socket on(String event, Class<T> type, TypedEventListener<T> listener) {
    return on(event, e -> listener.handle(e.arg(0, type), e));
  }

  /** Registers {@code listener} for the next {@code event} only. */
  Socket once(String event, EventListener listener);

  /** Removes {@code listener} from {@code event}. */
  Socket off(String event, EventListener listener);

  /** Removes every listener of {@code event}. */
  Socket off(String event);

  /** Sees every incoming event, before its listeners. */
  Socket onAny(AnyListener listener);

  /** Like {@link #onAny} but first in line. */
  Socket prependAny(AnyListener listener);

  /** Removes {@code listener} from the catch-all listeners. */
  Socket offAny(AnyListener listener);

  /** Removes every catch-all listener. */
  Socket offAny();

  /**
   * Sees every outgoing event of this socket, its own emits and the broadcasts that reach it (as the reference), on
   * the emitting thread; keep it quick. With connection state recovery on, a kept event's offset is its last argument.
   */
  Socket onAnyOutgoing(AnyListener listener);

  /** Like {@link #onAnyOutgoing} but first in line. */
  Socket prependAnyOutgoing(AnyListener listener);

  /** Removes {@code listener} from the outgoing catch-all listeners. */
  Socket offAnyOutgoing(AnyListener listener);

  /** Called when the socket starts leaving, while it is still in its rooms. */
  Socket onDisconnecting(DisconnectListener listener);

  /** Called once the socket left. */
  Socket onDisconnect(DisconnectListener listener);

  /** Receives errors of this socket (a socket middleware's refusal). */
  Socket onError(ErrorListener listener);

  /** Adds a middleware for incoming events. */
  Socket use(PacketMiddleware middleware);

  /**
   * Sends {@code event} to this client.
   *
   * <p>With connection state recovery on, as the reference, a non-volatile emit goes through the adapter to the
   * socket's own room: it is kept, its offset appended as the last argument, and replayed should the connection drop
   * before it arrives; an emit to a socket that is away for a recoverable reason is kept for its recovery too.
   *
   * <p>When the connection's send buffer is full the packet is not dropped in silence: the connection is closed
   * ({@link DisconnectReason#SEND_BUFFER_FULL}), so that the client reconnects (and, with recovery on, receives the
   * event then), and the failure goes to the {@link SocketIoServer#onDeliveryFailure} listeners. Called from a handler,
   * the emit returns once a congested connection has drained, or after {@link ServerOptions#backpressureTimeout()}.
   *
   * @return false when not accepted: disconnected for good, volatile and the transport busy, or the send buffer full
   *     (the connection is then closed); true when sent, or kept for a recovery
   */
  @Override
  boolean emit(String event, Object... args);

  /** Sends the {@code message} event. */
  default boolean send(Object... args) {
    return emit("message", args);
  }

  /**
   * Sends {@code event} and waits for the client's acknowledgement: completes with its arguments, or exceptionally
   * with {@link AckTimeoutException} after the {@link #timeout} (no limit by default), or with
   * {@link SocketDisconnectedException} when the socket disconnects first (or is disconnected), or with
   * {@link SendBufferFullException} when the event, or another packet while the ack was pending, could not be queued
   * (the connection was closed). The future completes on a handler thread, outside this socket's queue of handlers,
   * so a handler may wait for it ({@code get()}) without stalling the answer.
   */
  CompletableFuture<Arguments> emitWithAck(String event, Object... args);

  /** This socket with the volatile flag: the event is dropped when the transport cannot write it now. */
  Socket asVolatile();

  /**
   * This socket keeping only the latest value per {@code key}: while an event sent with it still waits in the send
   * buffer (the client reads slower than the server writes), a later one with the same key replaces it. See {@link
   * BroadcastOperator#latest}.
   */
  Socket latest(String key);

  /** This socket with the compress flag. */
  Socket compress(boolean compress);

  /** This socket with an acknowledgement timeout. */
  Socket timeout(Duration timeout);

  /** Same as {@link #timeout(Duration)} in milliseconds. */
  default Socket timeout(long millis) {
    return timeout(Duration.ofMillis(millis));
  }

  /** Every socket of the namespace but this one. */
  BroadcastOperator broadcast();

  /** The sockets in {@code rooms}, but not this one. */
  default BroadcastOperator to(String... rooms) {
    return broadcast().to(rooms);
  }

  /** Same as {@link #to}. */
  default BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  /** Every socket of the namespace but this one and those in {@code rooms}. */
  default BroadcastOperator except(String... rooms) {
    return broadcast().except(rooms);
  }

  /** Removes the socket from its namespace without closing the connection. */
  default void disconnect() {
    disconnect(false);
  }
}
