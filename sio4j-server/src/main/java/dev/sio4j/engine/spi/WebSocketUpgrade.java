package dev.sio4j.engine.spi;

import java.util.Map;

/**
 * A pending WebSocket upgrade request, offered by a binding to
 * {@link dev.sio4j.engine.EngineServer#handleUpgrade(dev.sio4j.engine.HttpExchange, WebSocketUpgrade)}. The engine
 * either answers the request's exchange with an error, or calls {@link #accept} exactly once.
 */
public interface WebSocketUpgrade {

  /**
   * Completes the WebSocket handshake with {@code headers} added to the 101 response; the binding then reports the
   * connection's life to {@code handler} ({@link WebSocketHandler#onOpen} first). If the handshake fails the binding
   * calls {@link WebSocketHandler#onClose()} only.
   *
   * @param maxMessageSize the largest message accepted; a larger one closes the connection with code 1009
   */
  void accept(Map<String, String> headers, int maxMessageSize, WebSocketHandler handler);
}
