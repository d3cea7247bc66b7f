package dev.sio4j.engine.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.engine.spi.WebSocketHandler;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoDecodeException;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.engine.HttpExchange;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The WebSocket transport: one text frame per text packet, one binary frame per binary MESSAGE (spec "Transports").
 * Frames reported by the binding are handed to the session through its serial executor.
 */
final class WebSocketTransport extends Transport implements WebSocketHandler {
  // both dropped once open (nothing an idle connection no longer needs is kept); I/O thread only
  private Consumer<WebSocketTransport> onOpen;
  private Runnable onNeverOpened;
  private EngineSession session;
  private volatile WebSocketConnection connection;
  private boolean closed;

  /**
   * A transport for an existing session (an upgrade probe) or, with {@code onOpen}, for a new one;
   * {@code onNeverOpened} runs if the handshake fails.
   */
  WebSocketTransport(EngineSession session, Consumer<WebSocketTransport> onOpen, Runnable onNeverOpened) {
    this.session = session;
    this.onOpen = onOpen;
    this.onNeverOpened = onNeverOpened;
  }

  void bind(EngineSession session) {
    this.session = session;
  }

  @Override
  String name() {
    return "websocket";
  }

  @Override
  boolean canSend() {
    return connection != null && !closed;
  }

  @Override
  boolean writable(boolean bufferEmpty) {
    // the binding's own buffer decides: the session's empties into it at once
    WebSocketConnection c = connection;
    return c != null && c.isWritable();
  }

  @Override
  int send(List<EngineIoPacket> packets, boolean compress, IntConsumer written) {
    int n = packets.size();
    connection.write(packets, compress, () -> written.accept(n));
    return n;
  }

  @Override
  void begin(HttpExchange handshakeGet, Runnable flush) {
    flush.run();
  }

  @Override
  boolean closesInPayload() {
    return false;
  }

  @Override
  void close(EngineIoPacket last) {
    if (!closed) {
      closed = true;
      WebSocketConnection c = connection;
      if (c != null) {
        c.close(1000, "");
      }
    }
  }

  // WebSocketHandler: called by the binding on the connection's I/O thread.

  @Override
  public void onOpen(WebSocketConnection connection) {
    this.connection = connection;
    Consumer<WebSocketTransport> opened = onOpen;
    onOpen = null;
    onNeverOpened = null;
    if (opened != null) {
      opened.accept(this);
    } else {
      session.executor().execute(() -> session.onProbeOpen(this));
    }
  }

  @Override
  public void onText(String text) {
    EngineSession s = session;
    if (s == null) {
      return;
    }
    EngineIoPacket packet;
    try {
      packet = EngineIoCodec.decodeText(text);
    } catch (EngineIoDecodeException e) {
      s.executor().execute(() -> s.onParseError(this, e.getMessage()));
      return;
    }
    s.executor().execute(() -> s.onPacket(this, packet));
  }

  @Override
  public void onBinary(byte[] data) {
    EngineSession s = session;
    if (s != null) {
      EngineIoPacket packet = EngineIoCodec.decodeBinaryFrame(data);
      s.executor().execute(() -> s.onPacket(this, packet));
    }
  }

  @Override
  public void onError(String description) {
    EngineSession s = session;
    if (s != null) {
      s.executor().execute(() -> s.onTransportError(this, description));
    }
  }

  @Override
  public void onWritable() {
    EngineSession s = session;
    if (s != null && connection != null) {
      s.executor().execute(() -> s.onTransportWritable(this));
    }
  }

  @Override
  public void onClose() {
    if (connection == null && onNeverOpened != null) {
      // the handshake failed before the session existed
      onNeverOpened.run();
      return;
    }
    EngineSession s = session;
    if (s != null) {
      s.executor().execute(() -> {
        closed = true;
        s.onTransportClose(this);
      });
    }
  }
}
