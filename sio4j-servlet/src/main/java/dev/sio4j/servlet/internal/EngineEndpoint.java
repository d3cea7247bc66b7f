package dev.sio4j.servlet.internal;

import dev.sio4j.engine.spi.WebSocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programmatic endpoint of one accepted WebSocket: hands whole text and binary messages to the engine's
 * {@link WebSocketHandler}, and the connection's open, error and close.
 *
 * <p>The message limit is the session's message buffer sizes: the container closes a larger message with 1009
 * (Jakarta WebSocket 2.1 section 2.1.5; RFC 6455 section 7.4.1) and reports it to {@link #onError}, which tells the
 * engine. Control frames (ping, pong, close) are answered by the container.
 *
 * <p>Thread-safety: the container calls one method at a time (Jakarta WebSocket 2.1 section 5.1); the handler is also
 * told {@link WebSocketHandler#onWritable()} from the thread that completed a write, so every call to the handler is
 * made under this endpoint's lock, which keeps them in order and never concurrent, as the handler requires.
 */
public final class EngineEndpoint extends Endpoint {
  private static final Logger log = LoggerFactory.getLogger(EngineEndpoint.class);

  private final BindingRuntime runtime;
  private final WebSocketHandler handler;
  private final int maxMessageSize;
  private ServletWebSocketConnection connection;
  private boolean opened;
  private boolean closed;

  EngineEndpoint(BindingRuntime runtime, WebSocketHandler handler, int maxMessageSize) {
    this.runtime = runtime;
    this.handler = handler;
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    session.setMaxTextMessageBufferSize(maxMessageSize);
    session.setMaxBinaryMessageBufferSize(maxMessageSize);
    // liveness is the engine's heartbeat (Engine.IO ping/pong), not the container's idle timeout
    session.setMaxIdleTimeout(0);
    ServletWebSocketConnection c = new ServletWebSocketConnection(session, runtime, this::writable);
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::text);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::binary);
    synchronized (this) {
      connection = c;
      opened = true;
      handler.onOpen(c);
    }
    runtime.opened(c);
  }

  private void text(String text) {
    synchronized (this) {
      if (!closed) {
        handler.onText(text);
      }
    }
  }

  private void binary(ByteBuffer data) {
    // the container may reuse its buffer once this returns; the handler keeps the array
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    synchronized (this) {
      if (!closed) {
        handler.onBinary(bytes);
      }
    }
  }

  private void writable() {
    synchronized (this) {
      if (opened && !closed) {
        handler.onWritable();
      }
    }
  }

  @Override
  public void onError(Session session, Throwable error) {
    log.debug("WebSocket {} failed", session.getId(), error);
    synchronized (this) {
      if (opened && !closed) {
        handler.onError(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
      }
    }
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    ServletWebSocketConnection c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = connection;
      handler.onClose();
    }
    if (c != null) {
      c.closed();
      runtime.closed(c);
    }
  }

  /** The upgrade failed before the container opened the session: the handler hears only onClose. */
  void handshakeFailed() {
    synchronized (this) {
      if (!closed && !opened) {
        closed = true;
        handler.onClose();
      }
    }
  }
}
