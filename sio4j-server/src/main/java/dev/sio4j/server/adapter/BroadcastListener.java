package dev.sio4j.server.adapter;

import dev.sio4j.protocol.socketio.SocketIoPacket;

/**
 * Told about each broadcast an adapter delivered to this server's sockets ({@link Adapter#onBroadcast}), once the
 * packet was handed to every local target. Called on the broadcasting thread (a handler, I/O or adapter thread):
 * return quickly and never block. An exception it throws is logged.
 */
@FunctionalInterface
public interface BroadcastListener {
  /**
   * {@code packet} was taken by the send buffers of {@code recipients} local sockets (0 when none was targeted
   * here; a socket whose buffer was full, or a volatile packet dropped, is not counted).
   *
   * @param options the targets, as given to the adapter
   */
  void onBroadcast(SocketIoPacket packet, BroadcastOptions options, int recipients);
}
