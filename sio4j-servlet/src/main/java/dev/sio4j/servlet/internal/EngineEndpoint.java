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
 * <p>The message limit: a message over it is refused with close code 1009 (RFC 6455 section 7.4.1) and reported to the
 * engine as an error. The session's message buffers are {@link #MARGIN} larger than the limit and the limit is checked
 * here, so a message a little over it is read whole and refused with a clean close handshake. Only a message over
 * the buffers is refused by the container itself (also with 1009, then {@link #onError}); Tomcat then closes the TCP
 * connection with the rest of the message unread, and the peer may see a reset (1006) instead of the close frame.
 * Control frames (ping, pong, close) are answered by the container.
 *
 * <p>Thread-safety: the container calls one method at a time (Jakarta WebSocket 2.1 section 5.1); the handler is also
 * told {@link WebSocketHandler#onWritable()} from the thread that completed a write, so every call to the handler is
 * made under this endpoint's lock, which keeps them in order and never concurrent, as the handler requires.
 */
public final class EngineEndpoint extends Endpoint {
  private static final Logger log = LoggerFactory.getLogger(EngineEndpoint.class);

  /** How much larger than the limit the container's message buffers are (see the class comment). */
  static final int MARGIN = 64 * 1024;

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
    int buffer = (int) Math.min(Integer.MAX_VALUE - 8L, (long) maxMessageSize + MARGIN);
    session.setMaxTextMessageBufferSize(buffer);
    session.setMaxBinaryMessageBufferSize(buffer);
    // liveness is the engine's heartbeat (Engine.IO ping/pong), not the container's idle timeout
    session.setMaxIdleTimeout(0);
    ServletWebSocketConnection c = new ServletWebSocketConnection(session, runtime, this::writable);
    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::text);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::binary);
    runtime.opened(c);
    synchronized (this) {
      connection = c;
      opened = true;
      handler.onOpen(c);
    }
  }

  private void text(String text) {
    if (utf8Length(text) > maxMessageSize) {
      tooBig();
      return;
    }
    synchronized (this) {
      if (!closed) {
        handler.onText(text);
      }
    }
  }

  /** The message's size on the wire, counted only as far as needed: at most 3 bytes a char, at least 1. */
  private long utf8Length(String text) {
    int chars = text.length();
    if ((long) chars * 3 <= maxMessageSize || chars > maxMessageSize) {
      return chars > maxMessageSize ? chars : 0;
    }
    long bytes = 0;
    for (int i = 0; i < chars; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < chars && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** A message over the limit: the engine hears an error, the peer a close with 1009, then onClose follows. */
  private void tooBig() {
    ServletWebSocketConnection c;
    synchronized (this) {
      if (closed || connection == null) {
        return;
      }
      c = connection;
      c.failed();
      handler.onError("message over " + maxMessageSize + " bytes");
    }
    c.closeNow(new CloseReason(CloseReason.CloseCodes.TOO_BIG, "message too big"));
  }

  private void binary(ByteBuffer data) {
    if (data.remaining() > maxMessageSize) {
      tooBig();
      return;
    }
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
      if (connection != null) {
        connection.failed();
      }
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
