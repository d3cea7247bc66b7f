package dev.sio4j.servlet.internal;

import dev.sio4j.engine.spi.WebSocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programmatic endpoint of one accepted WebSocket: hands whole text and binary messages to the engine's
 * {@link WebSocketHandler}, and the connection's open, error and close.
 *
 * <p>Messages arrive in parts ({@link MessageHandler.Partial}) and are put together here, so the container's message
 * buffers need not hold a whole message: Tomcat keeps a text and a binary buffer per session, at the size set with
 * {@link Session#setMaxTextMessageBufferSize}; sized to the engine's limit (1,000,000 bytes by default) that would be
 * megabytes per connection. Jakarta WebSocket 2.1 section 2.1.3 lets a partial handler receive a message of any size
 * in pieces; a message that fits in one piece (the usual case) is handed on without a copy, and only a message in
 * several pieces is assembled, in a buffer that lives while it arrives.
 *
 * <p>In Tomcat a session's buffers even shrink below the container's defaults ({@link #TOMCAT_MESSAGE_BUFFER}): Tomcat
 * allocates them at its defaults (text: 8 K characters, 16 KiB; binary: 8 KiB) before {@code onOpen}, and sizes each anew from
 * the session's setting when the next message of its kind begins; so an idle Socket.IO connection, which has received
 * its {@code CONNECT}, holds 4 KiB of text buffer instead of 16. Other sessions of the application keep the container's
 * defaults. Not in other containers, where the setting may be a limit on the message rather than a buffer (Jetty).
 *
 * <p>The message limit is checked here, as the pieces arrive: a message over it is refused with close code 1009
 * (RFC 6455 section 7.4.1) and reported to the engine as an error; the rest of it is read and dropped, so the peer
 * gets a clean close handshake. Control frames (ping, pong, close) are answered by the container.
 *
 * <p>Thread-safety: the container calls one method at a time (Jakarta WebSocket 2.1 section 5.1); the handler is also
 * told {@link WebSocketHandler#onWritable()} from the thread that completed a write, so every call to the handler is
 * made under this endpoint's lock, which keeps them in order and never concurrent, as the handler requires.
 */
public final class EngineEndpoint extends Endpoint {
  private static final Logger log = LoggerFactory.getLogger(EngineEndpoint.class);

  /** Tomcat's session class, whose message buffers are sized from the session's setting per message. */
  private static final String TOMCAT_SESSION = "org.apache.tomcat.websocket.WsSession";
  /**
   * The size of a Tomcat session's message buffers, in characters (text) and bytes (binary): a part of a longer
   * message. Most Socket.IO packets fit; Tomcat's defaults are 8,192 of each.
   */
  static final int TOMCAT_MESSAGE_BUFFER = 2048;

  private final BindingRuntime runtime;
  private final WebSocketHandler handler;
  private final int maxMessageSize;
  private ServletWebSocketConnection connection;
  private boolean opened;
  private boolean closed;
  // a message in several parts, while it arrives (container thread only: one message at a time, section 5.1)
  private StringBuilder textParts;
  private byte[] binaryParts;
  private int binaryLength;
  // UTF-8 bytes of the text message so far
  private long textBytes;
  // the message in progress went over the limit: its remaining parts are dropped
  private boolean dropping;

  EngineEndpoint(BindingRuntime runtime, WebSocketHandler handler, int maxMessageSize) {
    this.runtime = runtime;
    this.handler = handler;
    this.maxMessageSize = maxMessageSize;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    if (session.getClass().getName().equals(TOMCAT_SESSION)) {
      // taken from the next message of each kind on (see the class comment)
      session.setMaxTextMessageBufferSize(TOMCAT_MESSAGE_BUFFER);
      session.setMaxBinaryMessageBufferSize(TOMCAT_MESSAGE_BUFFER);
    }
    // liveness is the engine's heartbeat (Engine.IO ping/pong), not the container's idle timeout
    session.setMaxIdleTimeout(0);
    ServletWebSocketConnection c = new ServletWebSocketConnection(session, runtime, this::writable);
    session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::text);
    session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) this::binary);
    runtime.opened(c);
    synchronized (this) {
      connection = c;
      opened = true;
      handler.onOpen(c);
    }
  }

  private void text(String part, boolean last) {
    if (dropping) {
      dropping = !last;
      return;
    }
    textBytes += utf8Length(part);
    if (textBytes > maxMessageSize) {
      textParts = null;
      textBytes = 0;
      dropping = !last;
      tooBig();
      return;
    }
    String text;
    if (textParts == null) {
      if (!last) {
        textParts = new StringBuilder(part.length() * 2).append(part);
        return;
      }
      text = part;
    } else {
      textParts.append(part);
      if (!last) {
        return;
      }
      text = textParts.toString();
      textParts = null;
    }
    textBytes = 0;
    synchronized (this) {
      if (!closed) {
        handler.onText(text);
      }
    }
  }

  /**
   * UTF-8 bytes of {@code part}. The container decoded it from UTF-8, so surrogates come in pairs, possibly split
   * across two parts: a high surrogate counts the pair's 4 bytes, a low one nothing.
   */
  private static long utf8Length(String part) {
    long bytes = part.length();
    for (int i = 0, n = part.length(); i < n; i++) {
      char c = part.charAt(i);
      if (c >= 0x80) {
        bytes += c < 0x800 ? 1 : Character.isHighSurrogate(c) ? 3 : Character.isLowSurrogate(c) ? -1 : 2;
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

  private void binary(ByteBuffer part, boolean last) {
    if (dropping) {
      dropping = !last;
      return;
    }
    int n = part.remaining();
    if ((long) binaryLength + n > maxMessageSize) {
      binaryParts = null;
      binaryLength = 0;
      dropping = !last;
      tooBig();
      return;
    }
    // the container may reuse its buffer once this returns: the bytes are copied, and the handler keeps the array
    if (binaryParts == null && last) {
      byte[] bytes = new byte[n];
      part.get(bytes);
      deliver(bytes);
      return;
    }
    if (binaryParts == null) {
      binaryParts = new byte[Math.max(n * 2, 256)];
    } else if (binaryParts.length - binaryLength < n) {
      long grown = Math.max((long) binaryParts.length * 2, (long) binaryLength + n);
      binaryParts = Arrays.copyOf(binaryParts, (int) Math.min(grown, maxMessageSize));
    }
    part.get(binaryParts, binaryLength, n);
    binaryLength += n;
    if (last) {
      byte[] bytes = binaryParts.length == binaryLength ? binaryParts : Arrays.copyOf(binaryParts, binaryLength);
      binaryParts = null;
      binaryLength = 0;
      deliver(bytes);
    }
  }

  private void deliver(byte[] bytes) {
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
