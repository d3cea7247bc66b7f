package dev.sio4j.server;

import dev.sio4j.server.adapter.Adapter;
import java.util.Map;

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

  /** The connected sockets of this server, by id (a live, unmodifiable view). */
  Map<String, Socket> sockets();

  /** The namespace's adapter. */
  Adapter adapter();

  /** Sends {@code event} to the other servers of the cluster (nothing with the in-memory adapter). */
  void serverSideEmit(String event, Object... args);

  /** Receives the events other servers sent with {@link #serverSideEmit}. */
  Namespace onServerSideEmit(AnyListener listener);
}
