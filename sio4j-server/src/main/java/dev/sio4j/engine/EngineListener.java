package dev.sio4j.engine;

import dev.sio4j.protocol.engineio.EngineIoPacket;

/**
 * What the engine tells the layer above about its sessions.
 *
 * <p>Called on the session's I/O thread, in order per session: implementations must return quickly and never block
 * (the Socket.IO server hands user handlers to their own executors).
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
}
