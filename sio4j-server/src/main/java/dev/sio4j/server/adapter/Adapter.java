package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.RemoteSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keeps a namespace's rooms and carries its broadcasts: the in-memory {@link InMemoryAdapter} for one server, a cluster
 * adapter (Redis...) to reach the sockets of every server. Shaped after the reference {@code socket.io-adapter}: every
 * operation that may cross servers takes {@link BroadcastOptions} and may complete asynchronously.
 *
 * <p>One adapter per namespace, created by the server's {@link AdapterFactory}; {@link #init()} before the first
 * socket, {@link #close()} when the server closes. Must be thread-safe: methods are called from I/O threads and
 * handler threads at once.
 */
public interface Adapter {
  /** Starts the adapter (subscriptions of a cluster adapter). */
  default void init() {}

  /** Stops the adapter. */
  default void close() {}

  /** Adds socket {@code id} to {@code rooms}. */
  void addAll(String id, Set<String> rooms);

  /** Removes socket {@code id} from {@code room}. */
  void del(String id, String room);

  /**
   * Tells {@code listener} about the local rooms created, deleted, joined and left from now on (the reference
   * adapter's {@code create-room}, {@code delete-room}, {@code join-room}, {@code leave-room} events). The in-memory
   * adapter and those built on it support this; the default throws {@link UnsupportedOperationException}.
   */
  default void onRoomEvent(RoomListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " does not report room events");
  }

  /**
   * Tells {@code listener} about each broadcast delivered to this server's sockets from now on, with the number of
   * local recipients. The in-memory adapter and those built on it support this; the default throws {@link
   * UnsupportedOperationException}.
   */
  default void onBroadcast(BroadcastListener listener) {
    throw new UnsupportedOperationException(getClass().getName() + " does not report broadcasts");
  }

  /** Removes socket {@code id} from every room. */
  void delAll(String id);

  /** The rooms of local socket {@code id} (empty when unknown). */
  Set<String> socketRooms(String id);

  /** The ids of the local sockets in any of {@code rooms} (all local sockets when empty). */
  Set<String> sockets(Set<String> rooms);

  /** The local rooms (names), for introspection. */
  Set<String> rooms();

  /** Sends {@code packet} to the targeted sockets, encoding it once. */
  void broadcast(SocketIoPacket packet, BroadcastOptions options);

  /**
   * Sends {@code packet} (its ack id is set by the adapter) to the targeted sockets, asking each to acknowledge.
   *
   * @param clientCount told how many sockets were targeted (a cluster adapter may call it once per server)
   * @param ack receives each answer
   */
  void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
      Consumer<Arguments> ack);

  /** The targeted sockets (local ones are {@code Socket}s). */
  CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options);

  /** Makes the targeted sockets join {@code rooms}. */
  void addSockets(BroadcastOptions options, Set<String> rooms);

  /** Makes the targeted sockets leave {@code rooms}. */
  void delSockets(BroadcastOptions options, Set<String> rooms);

  /** Disconnects the targeted sockets. */
  void disconnectSockets(BroadcastOptions options, boolean close);

  /**
   * Sends {@code [event, args...]} to the same namespace on the other servers; this server's listeners do not get it.
   * The in-memory adapter has no other server and does nothing.
   */
  void serverSideEmit(List<JsonNode> packet);

  /**
   * Sends {@code [event, args...]} as {@link #serverSideEmit} does, asking each other server for one answer, and
   * completes with the answers (each an {@link Arguments} of the one value the server gave, or of none), in arrival
   * order, once every other server answered; fails with {@link dev.sio4j.server.AckTimeoutException} carrying the
   * answers received when {@code timeoutMillis} (0: the adapter's own request timeout) runs out first. With no other
   * server, completes with an empty list. The default fails: the adapter cannot carry answers.
   */
  default CompletableFuture<List<Arguments>> serverSideEmitWithAck(List<JsonNode> packet, long timeoutMillis) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(
        getClass().getName() + " does not support serverSideEmitWithAck"));
  }

  /**
   * Keeps the state of a socket that left for a recoverable reason, for connection state recovery (reference:
   * {@code persistSession}), until {@code maxDisconnectionDuration} has passed. Called only when recovery is on. The
   * default does nothing: an adapter without a store recovers nothing.
   */
  default void persistSession(SessionState session) {}

  /**
   * Completes once the sessions given to {@link #persistSession} so far are kept where every server of the cluster
   * finds them: what a draining server waits for before it lets a client go, so that the server the client reconnects
   * to can recover it. The default completes at once (an adapter keeping sessions in memory, or none).
   */
  default CompletableFuture<Void> sessionsPersisted() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Finds the session {@code pid} kept by {@link #persistSession} and the packets its socket missed after
   * {@code offset} (reference: {@code restoreSession}): completes with {@code null} when the session expired or is
   * unknown, or when {@code offset} is no longer kept (a partial replay would lose events silently). The session stays
   * kept until it expires. The default completes with {@code null}.
   *
   * <p>Offsets: with recovery on, the adapter appends a fresh offset (a string, increasing in emission order) as the
   * last argument of every broadcast EVENT that is neither volatile nor waiting for acks, keeps the packet, and hands
   * the offset to {@link LocalSocket#deliver(List, BroadcastOptions, String)}.
   */
  default CompletableFuture<RestoredSession> restoreSession(String pid, String offset) {
    return CompletableFuture.completedFuture(null);
  }

  /** How many servers share the namespace (1 for the in-memory adapter). */
  default int serverCount() {
    return 1;
  }

  /**
   * {@link #serverCount()} without blocking, as the reference's {@code serverCount(): Promise<number>}: a cluster
   * adapter asks its broker. A broadcast with acknowledgements waits for the client count of this many servers (each
   * server's adapter calls the {@code clientCount} callback of {@link #broadcastWithAck} once). The default completes
   * at once with {@link #serverCount()}.
   */
  default CompletableFuture<Integer> serverCountAsync() {
    return CompletableFuture.completedFuture(serverCount());
  }
}
