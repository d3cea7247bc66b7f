package dev.sio4j.engine.internal;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.engine.HttpExchange;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What a session needs of a transport (the reference's {@code transport.ts}): a name, whether it can write now,
 * send, close, and the few ways transports differ (how the session starts on it, whether CLOSE rides in a payload,
 * whether it can be upgraded from). The session never asks which transport it has. Methods are called inside the
 * owning session's serial executor.
 */
abstract class Transport {

  /** {@code polling} or {@code websocket}. */
  abstract String name();

  /** Whether {@link #send} would write now (a GET is waiting; the WebSocket is open). */
  abstract boolean canSend();

  /**
   * Whether {@link #send} could write now if it ignored the binding's high-water mark: for a close, which writes
   * what is left before its close frame.
   */
  boolean canSendPastHighWater() {
    return canSend();
  }

  /**
   * Whether a packet sent now would go out without waiting behind others ({@code EngineSocket.isWritable}).
   *
   * @param bufferEmpty whether the session holds no packet not yet written
   */
  abstract boolean writable(boolean bufferEmpty);

  /**
   * Writes {@code packets}; only when {@link #canSend()}. Returns how many it took (long-polling takes those that fit
   * one response; WebSocket takes all). {@code written} is told that count once they left the session's hands: before
   * the response goes out for long-polling (the client may ask again at once), once the binding wrote them for
   * WebSocket (they stay counted against the send buffer until then).
   */
  abstract int send(List<EngineIoPacket> packets, boolean compress, IntConsumer written);

  /** The session starts on this transport: the handshake is written (a polling handshake answers its own GET). */
  abstract void begin(HttpExchange handshakeGet, Runnable flush);

  /**
   * Whether an orderly close sends CLOSE at the end of the last payload (long-polling, reference polling.ts
   * {@code send}) rather than closing the connection after the queued packets (WebSocket).
   */
  abstract boolean closesInPayload();

  /** Whether a session on this transport may upgrade from it (spec "Upgrade": from long-polling only). */
  boolean upgradable() {
    return false;
  }

  /**
   * Whether the client may still have a request of this transport on its way after it closed (long-polling: it keeps a
   * GET in flight, which may arrive after its CLOSE on another connection).
   */
  boolean expectsLateRequest() {
    return false;
  }

  /** Whether HTTP requests of the session's id go to {@link #onHttpRequest} (long-polling), or are a mismatch. */
  boolean servesHttp() {
    return false;
  }

  /** An HTTP request of this session; only when {@link #servesHttp()}. */
  void onHttpRequest(HttpExchange exchange) {
    throw new UnsupportedOperationException(name() + " serves no HTTP request");
  }

  /** The session moved to another transport: this one is dropped (what it still holds is refused). */
  void closeForUpgrade() {
    close(null);
  }

  /**
   * Closes the transport. {@code last} is the packet a waiting long-polling GET is answered with (CLOSE, or NOOP when
   * the client asked to close), or {@code null} to answer it with nothing more.
   */
  abstract void close(EngineIoPacket last);
}
