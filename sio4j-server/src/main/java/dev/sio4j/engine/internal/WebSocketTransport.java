package dev.sio4j.engine.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.engine.spi.WebSocketHandler;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoDecodeException;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoV3Codec;
import java.util.ArrayList;
import dev.sio4j.engine.HttpExchange;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The WebSocket transport: one text frame per text packet, one binary frame per binary MESSAGE (spec "Transports").
 * Frames reported by the binding are handed to the session through its serial executor.
 *
 * <p>An Engine.IO v3 session frames text as v4 does (the same shared bytes), and binary as v3 does
 * (engine.io-protocol v3, "Packet"): a binary frame starting with the type byte, or {@code b4<base64>} in a text frame
 * for a client that sent {@code b64}.
 */
final class WebSocketTransport extends Transport implements WebSocketHandler {
  // both dropped once open (nothing an idle connection no longer needs is kept); I/O thread only
  private Consumer<WebSocketTransport> onOpen;
  private Runnable onNeverOpened;
  private EngineSession session;
  private volatile WebSocketConnection connection;
  private boolean closed;
  // Engine.IO v3: whether the client takes binary frames (it sent no b64 with this WebSocket's request)
  private final boolean supportsBinary;

  /**
   * A transport for an existing session (an upgrade probe) or, with {@code onOpen}, for a new one;
   * {@code onNeverOpened} runs if the handshake fails.
   */
  WebSocketTransport(EngineSession session, Consumer<WebSocketTransport> onOpen, Runnable onNeverOpened,
      boolean supportsBinary) {
    this.session = session;
    this.onOpen = onOpen;
    this.onNeverOpened = onNeverOpened;
    this.supportsBinary = supportsBinary;
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
    // above the binding's high-water mark (the peer reads slower than we write) packets wait in the session's
    // buffer, where its limits and overflow policy apply, rather than pile up in the binding's; onWritable flushes
    WebSocketConnection c = connection;
    return c != null && !closed && c.isWritable();
  }

  @Override
  boolean canSendPastHighWater() {
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
    connection.write(session.protocol() == 3 ? v3Frames(packets) : packets, compress, () -> written.accept(n));
    return n;
  }

  /** The packets with each binary one in its v3 frame; text packets stay the shared ones. */
  private List<EngineIoPacket> v3Frames(List<EngineIoPacket> packets) {
    if (!EngineIoV3Codec.hasBinary(packets)) {
      return packets;
    }
    List<EngineIoPacket> frames = new ArrayList<>(packets.size());
    for (EngineIoPacket packet : packets) {
      if (!packet.isBinary()) {
        frames.add(packet);
      } else if (supportsBinary) {
        frames.add(EngineIoPacket.message(EngineIoV3Codec.encodeBinaryFrame(packet)));
      } else {
        frames.add(EngineIoV3Codec.base64Frame(packet));
      }
    }
    return frames;
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
      packet = s.protocol() == 3 ? EngineIoV3Codec.decodeText(text) : EngineIoCodec.decodeText(text);
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
      EngineIoPacket packet;
      try {
        packet = s.protocol() == 3 ? EngineIoV3Codec.decodeBinaryFrame(data) : EngineIoCodec.decodeBinaryFrame(data);
      } catch (EngineIoDecodeException e) {
        s.executor().execute(() -> s.onParseError(this, e.getMessage()));
        return;
      }
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
