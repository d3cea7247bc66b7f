package dev.sio4j.engine.spi;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;

/**
 * An open WebSocket as a binding (Netty, Servlet) offers it to the engine. Implemented by bindings.
 *
 * <p>Thread-safety: every method may be called from any thread; writes are ordered as called.
 */
public interface WebSocketConnection {

  /**
   * Writes each packet as one frame: a text packet as a text frame holding {@link EngineIoPacket#utf8Frame()} (the
   * shared bytes, wrapped, never copied), a binary MESSAGE as a binary frame holding its bytes; then flushes once.
   *
   * @param compress whether per-message deflate may compress these frames (when negotiated)
   * @param written run once the frames were handed to the network or the write failed, on whichever thread saw that:
   *     possibly the caller's, before this method returns (a container that completes a send inside its send call).
   *     The engine's callback only updates atomic counters, queues its drain check behind the session's running task
   *     and completes a future that senders wait on from their own threads, so it is safe on any stack; it must not be
   *     called with a lock held that the engine may take. Callbacks of one connection run in write order.
   */
  void write(List<EngineIoPacket> packets, boolean compress, Runnable written);

  /** Whether the outbound buffer is below its high-water mark. */
  boolean isWritable();

  /** Closes with a WebSocket close frame carrying {@code code} and {@code reason}, then closes the connection. */
  void close(int code, String reason);
}
