package dev.sio4j.server;

import dev.sio4j.server.adapter.Adapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A namespace: a communication channel multiplexed over the connections ({@code io.of("/admin")}), with its own
 * connection listeners, middlewares, rooms and adapter. As a {@link BroadcastOperator} it targets all of its sockets.
 *
 * <p>Lives as long as its server. Thread-safe: listeners and middlewares may be added at any time and apply to the
 * connections that arrive afterwards. A parent namespace ({@code io.of(Pattern)}) hands its listeners and middlewares
 * to each child it creates.
 */
public interface Namespace extends BroadcastOperator {
  /** The name, e.g. {@code /} or {@code /admin}. */
  String name();

  /** Called for each socket that joins. */
  Namespace onConnection(ConnectionListener listener);

  /** Adds a middleware run for each incoming connection, in the order added. */
  Namespace use(Middleware middleware);

  /**
   * Sets what happens to this namespace's sockets once their send buffer is full, from now on, for the sockets
   * connected already too (default: {@link ServerOptions#slowConsumerPolicy()}). A parent namespace hands it to its
   * children. Returns this namespace.
   */
  Namespace slowConsumerPolicy(SlowConsumerPolicy policy);

  /** The policy for this namespace's sockets whose send buffer is full. */
  SlowConsumerPolicy slowConsumerPolicy();

  /** The connected sockets of this server, by id (a live, unmodifiable view). */
  Map<String, Socket> sockets();

  /** The namespace's adapter. */
  Adapter adapter();

  /**
   * Tells {@code listener} about this namespace's local rooms created, deleted, joined and left ({@link
   * Adapter#onRoomEvent}). Returns this namespace.
   */
  default Namespace onRoomEvent(dev.sio4j.server.adapter.RoomListener listener) {
    adapter().onRoomEvent(listener);
    return this;
  }

  /**
   * Sends {@code event} to the same namespace on the other servers of the cluster, whose
   * {@link #onServerSideEmit} listeners receive it; never to this server's own listeners, nor to clients. With the
   * in-memory adapter (one server) there is nobody to reach: nothing happens (the reference's in-memory adapter only
   * warns). Event names reserved by the reference ({@code connect}, {@code connection}, {@code new_namespace}, and
   * the socket's reserved names) are refused with {@link IllegalArgumentException}.
   */
  void serverSideEmit(String event, Object... args);

  /**
   * Sends {@code event} to the same namespace on the other servers of the cluster, as {@link #serverSideEmit}, and
   * completes with one answer per other server: what its {@link #onServerSideEvent} listener passed to {@link
   * ServerSideEvent#ack} (an {@link Arguments} of that one value). Completes with an empty list when there is no other
   * server (the in-memory adapter). When a server does not answer within the adapter's request timeout (the Redis
   * adapter's {@code requestsTimeout}, default 5 s), fails with {@link AckTimeoutException}, whose {@code responses()}
   * hold the answers that came. Reserved event names are refused as by {@link #serverSideEmit}.
   */
  default CompletableFuture<List<Arguments>> serverSideEmitWithAck(String event, Object... args) {
    return serverSideEmitWithAck(Duration.ZERO, event, args);
  }

  /**
   * {@link #serverSideEmitWithAck(String, Object...)}, waiting at most {@code timeout} for the answers instead of the
   * adapter's request timeout ({@link Duration#ZERO}: the adapter's); the reference's {@code
   * io.timeout(ms).serverSideEmitWithAck(...)}.
   */
  CompletableFuture<List<Arguments>> serverSideEmitWithAck(Duration timeout, String event, Object... args);

  /** Receives the events other servers sent with {@link #serverSideEmit} (without a way to answer). */
  Namespace onServerSideEmit(AnyListener listener);

  /**
   * Receives the events other servers sent with {@link #serverSideEmit} or {@link #serverSideEmitWithAck}, with the
   * acknowledgement to answer the latter. Every listener of the namespace gets the event; the first {@link
   * ServerSideEvent#ack} answers.
   */
  Namespace onServerSideEvent(ServerSideEventListener listener);
}
