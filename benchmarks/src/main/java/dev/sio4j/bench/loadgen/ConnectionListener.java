package dev.sio4j.bench.loadgen;

/**
 * What a scenario hears from one load-generator connection. Called on the connection's event loop, never
 * concurrently for one connection.
 */
public interface ConnectionListener {
  /** The connection finished its handshake (Socket.IO CONNECT acknowledged, or the bare peer's open frame). */
  default void onConnected(Connection connection) {}

  /** An acknowledgement with {@code id} arrived. */
  default void onAck(Connection connection, long id) {}

  /** A broadcast {@code msg} arrived. */
  default void onDelivery(Connection connection) {}

  /**
   * A broadcast {@code msg} arrived, with its frame (valid during the call only: see {@link Dialect#number}); by
   * default {@link #onDelivery(Connection)}.
   */
  default void onDelivery(Connection connection, io.netty.buffer.ByteBuf frame) {
    onDelivery(connection);
  }

  /** The connection failed or was closed by the server before the scenario ended. */
  default void onFailure(Connection connection, Throwable cause) {}
}
