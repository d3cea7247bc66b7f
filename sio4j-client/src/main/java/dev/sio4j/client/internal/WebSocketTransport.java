package dev.sio4j.client.internal;

import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.io.IOException;
import java.util.List;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * The WebSocket transport (engine.io-protocol, "WebSocket") over OkHttp's WebSocket: each Engine.IO packet is one
 * frame, text packets as text frames ({@code <type><data>}), binary MESSAGE packets as binary frames carrying the bytes
 * alone. OkHttp reads on its own thread and writes from its own queue; every event is handed to the loop.
 */
final class WebSocketTransport extends Transport {
  /**
   * Below this many bytes queued in OkHttp, the transport reports itself writable again. OkHttp's queue is bounded
   * (16 MiB; a send past it fails the socket), so the session waits for the queue to drain rather than fill it.
   */
  private static final long DRAINED_BYTES = 256 * 1024;
  /** How often a full queue is looked at again, in milliseconds. */
  private static final long DRAIN_CHECK_MS = 5;

  private volatile WebSocket webSocket;

  WebSocketTransport(Endpoint endpoint, ClientThreads loop, String sid, Sink sink) {
    super(endpoint, loop, sid, sink);
  }

  @Override
  public String name() {
    return "websocket";
  }

  @Override
  public void open() {
    webSocket = endpoint.webSocketClient().newWebSocket(endpoint.request("websocket", sid).build(), new Listener());
  }

  @Override
  public void send(List<EngineIoPacket> packets) {
    writable = false;
    for (EngineIoPacket p : packets) {
      boolean queued = p.isBinary()
          ? webSocket.send(ByteString.of(p.binary()))
          : webSocket.send(EngineIoCodec.encodeText(p));
      if (!queued) {
        // OkHttp refuses a frame once the socket is closing or its queue is full.
        loop.execute(() -> fail("websocket error", new IOException("websocket closed or its send queue is full")));
        return;
      }
    }
    // Report the drain on a later turn of the loop, never inside send().
    loop.execute(this::drainWhenFlushed);
  }

  private void drainWhenFlushed() {
    if (closed) {
      return;
    }
    if (webSocket.queueSize() > DRAINED_BYTES) {
      loop.schedule(this::drainWhenFlushed, DRAIN_CHECK_MS);
      return;
    }
    writable = true;
    sink.onDrain(this);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // RFC 6455, section 7.1.2: start the closing handshake; goodbye completes when the server answers it.
    if (webSocket == null || !writable || !webSocket.close(1000, null)) {
      release();
      goodbye.complete(null);
    }
  }

  /** Drops the connection at once, without a closing handshake; from any thread. */
  @Override
  public void terminate() {
    release();
  }

  @Override
  protected void release() {
    WebSocket ws = webSocket;
    if (ws != null) {
      ws.cancel();
    }
  }

  private final class Listener extends WebSocketListener {
    @Override
    public void onOpen(WebSocket ws, Response response) {
      loop.execute(() -> {
        if (!closed) {
          writable = true;
          sink.onOpen(WebSocketTransport.this);
        }
      });
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      if (tooLarge(ws, text.length())) {
        return;
      }
      loop.execute(() -> {
        if (closed) {
          return;
        }
        EngineIoPacket packet;
        try {
          packet = EngineIoCodec.decodeText(text);
        } catch (RuntimeException e) {
          fail("parse error", e);
          return;
        }
        sink.onPacket(WebSocketTransport.this, packet);
      });
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      if (tooLarge(ws, bytes.size())) {
        return;
      }
      loop.execute(() -> {
        if (!closed) {
          sink.onPacket(WebSocketTransport.this, EngineIoCodec.decodeBinaryFrame(bytes.toByteArray()));
        }
      });
    }

    /**
     * OkHttp has no limit on an incoming message; the session's is applied once the message is read, closing with
     * 1009 "message too big" (RFC 6455, section 7.4.1).
     */
    private boolean tooLarge(WebSocket ws, long size) {
      if (size <= endpoint.maxIncomingPacketSize()) {
        return false;
      }
      ws.close(1009, null);
      loop.execute(() -> fail("websocket error", new IOException("message larger than maxIncomingPacketSize")));
      return true;
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      // Answer the server's close frame (RFC 6455, section 5.5.1); OkHttp leaves that to the listener.
      ws.close(1000, null);
      loop.execute(() -> closedByServer("transport close"));
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      ws.cancel();
      goodbye.complete(null);
      loop.execute(() -> closedByServer("transport close"));
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      goodbye.complete(null);
      loop.execute(() -> fail("websocket error", t));
    }
  }
}
