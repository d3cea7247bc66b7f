package dev.sio4j.server.adapter;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.Socket;
import java.util.List;
import java.util.function.Consumer;

/** What an adapter may do with a socket of this server. Thread-safe. */
public interface LocalSocket {
  /** The socket id. */
  String id();

  /** The socket. */
  Socket socket();

  /**
   * Writes already encoded packets (shared between recipients, never modified) to the socket's connection.
   *
   * @return false when dropped: the socket is disconnected, the packet is volatile and the transport is busy, or the
   *     connection's send buffer is full
   */
  boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options);

  /**
   * Like {@link #deliver(List, BroadcastOptions)} for a packet kept for connection state recovery under
   * {@code offset} ({@code null} when not kept): a socket being recovered uses it to skip what it replays already.
   */
  default boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options, String offset) {
    return deliver(packets, options);
  }

  /**
   * Tells the socket's outgoing catch-all listeners ({@code onAnyOutgoing}) about a broadcast EVENT that is about to be
   * delivered to it, as the reference adapter does for each recipient; called on the broadcasting thread. Cheap when
   * the socket has no such listener.
   */
  default void notifyOutgoing(SocketIoPacket packet) {}

  /** Waits for the acknowledgement {@code ackId} from this socket; {@code ack} receives its arguments, once. */
  void expectAck(long ackId, Consumer<Arguments> ack);
}
