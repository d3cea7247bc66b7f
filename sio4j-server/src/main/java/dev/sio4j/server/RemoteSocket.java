package dev.sio4j.server;

import java.util.Map;
import java.util.Set;

/**
 * A socket found by {@code fetchSockets()}: on this server (then it is the {@link Socket} itself) or, with a cluster
 * adapter, on another one. Thread-safe.
 */
public interface RemoteSocket {
  /** The socket id, unique within the namespace (and across a cluster). */
  String id();

  /** The connection details. */
  Handshake handshake();

  /** The rooms the socket is in (a snapshot), including the room named by its id. */
  Set<String> rooms();

  /** The per-socket data map, for the application's own attributes. */
  Map<String, Object> data();

  /** Sends an event to this socket. */
  boolean emit(String event, Object... args);

  /** Adds the socket to {@code rooms}. */
  void join(String... rooms);

  /** Removes the socket from {@code room}. */
  void leave(String room);

  /**
   * Removes the socket from its namespace (reason "server namespace disconnect").
   *
   * @param close whether to also close the underlying connection (and so every namespace on it)
   */
  void disconnect(boolean close);
}
