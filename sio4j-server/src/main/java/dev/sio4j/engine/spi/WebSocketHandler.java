package dev.sio4j.engine.spi;

/**
 * What a binding tells the engine about one WebSocket. Implemented by the engine, called by bindings: in order, on
 * the connection's I/O thread, never concurrently.
 */
public interface WebSocketHandler {

  /** The handshake completed; {@code connection} may be written to. Called once, before any other method. */
  void onOpen(WebSocketConnection connection);

  /** A complete text message arrived. */
  void onText(String text);

  /** A complete binary message arrived (the array is the handler's to keep). */
  void onBinary(byte[] data);

  /**
   * The connection failed: an I/O error, a protocol violation, a message over the limit (the binding has sent close
   * code 1009 then). {@link #onClose()} follows.
   */
  void onError(String description);

  /** The connection closed (by either side). Called once, last. */
  void onClose();
}
