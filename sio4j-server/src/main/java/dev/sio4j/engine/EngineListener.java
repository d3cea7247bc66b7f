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

  /**
   * Everything the session was given has been handed to its transport and the session is writable again (the
   * reference's {@code drain} event, which follows each flush): a producer that saw {@link EngineSocket#send} return
   * false or {@link EngineSocket#isWritable()} false may resume. Over WebSocket it comes once the frames were written
   * to the connection and its outbound buffer is under the low-water mark; over long-polling once a GET's answer
   * took the last queued packets. In the session's order of calls. The default does nothing.
   */
  default void onDrain(EngineSocket socket) {}

  /**
   * The calling I/O thread starts handing the engine a batch of events (the connections one event-loop iteration
   * read); {@link #onIoBatchEnd()} follows on the same thread once the iteration is done. Work the layer above hands
   * to other threads in between may wait for the end and go in one hand-off instead of one per event. The default
   * does nothing.
   */
  default void onIoBatchStart() {}

  /** The batch started by {@link #onIoBatchStart()} on this thread is over. The default does nothing. */
  default void onIoBatchEnd() {}
}
