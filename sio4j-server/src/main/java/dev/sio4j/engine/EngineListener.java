package dev.sio4j.engine;

import dev.sio4j.protocol.engineio.EngineIoPacket;

/**
 * What the engine tells the layer above about its sessions.
 *
 * <p>Calls for one session come in order and never concurrently (each session runs its events one at a time), on an
 * I/O thread or the engine's timer thread: implementations must return quickly and never block (the Socket.IO server
 * hands user handlers to their own executors). An exception thrown by a method is logged and does not affect the
 * session.
 */
public interface EngineListener {

  /** A session completed its handshake. */
  void onOpen(EngineSocket socket);

  /** A MESSAGE packet arrived, text or binary ({@link EngineIoPacket#isBinary()}). */
  void onMessage(EngineSocket socket, EngineIoPacket message);

  /**
   * A session closed, once, for {@code reason}.
   *
   * @param description more detail (an exception's message, a protocol violation), or {@code null}
   */
  void onClose(EngineSocket socket, EngineCloseReason reason, String description);

  /**
   * A request was refused with a protocol error (the reference's {@code connection_error} event): an unknown
   * transport or session id, a bad handshake method, a bad request, a refusal by {@code allowRequest}, an unsupported
   * protocol version. Called on an I/O thread. The default does nothing.
   *
   * @param code the Engine.IO error code, 0 to 5
   * @param message the message sent to the client
   */
  default void onConnectionError(EngineRequest request, int code, String message) {}
}
