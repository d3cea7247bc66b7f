package dev.sio4j.engine;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One Engine.IO session, as the layer above (the Socket.IO server) sees it.
 *
 * <p>Lifecycle: handed to {@link EngineListener#onOpen} once the handshake has been sent; closed exactly once, after
 * which {@link EngineListener#onClose} is called and sends are refused. The transport under a session may change once,
 * from long-polling to WebSocket; the layer above does not notice.
 *
 * <p>Thread-safety: every method may be called from any thread. Packets handed to {@code send} from one thread are
 * written in the order given; a list handed to one {@link #send(List, boolean)} call is written contiguously, never
 * interleaved with packets of another call (a Socket.IO binary event and its attachments stay together).
 */
public interface EngineSocket {

  /** The session id ({@code sid}), unique within its server. */
  String id();

  /** The name of the current transport: {@code "polling"} or {@code "websocket"}. */
  String transport();

  /**
   * The Engine.IO protocol revision the client speaks: 4, or 3 for an older client admitted by {@link
   * EngineOptions#allowEIO3()} (the layer above then speaks Socket.IO protocol revision 4 to it).
   */
  default int protocol() {
    return 4;
  }

  /** The request that opened the session. */
  EngineRequest request();

  /** Whether the session is open (handshake sent, not closed). */
  boolean isOpen();

  /**
   * Whether a packet sent now would be written without waiting behind earlier ones: false while a WebSocket's
   * outbound buffer is above its high-water mark, or while long-polling has no GET to answer and packets are queued.
   * Volatile Socket.IO packets are dropped when this is false.
   */
  boolean isWritable();

  /**
   * Queues MESSAGE packets to be written in order, contiguously.
   *
   * @param packets the packets, usually {@link EngineIoPacket#message} ones; shared packets are never modified
   * @param compress whether the transport may compress them (per-message deflate or HTTP compression)
   * @return false when the session is closed or its bounded send buffer is full ({@link
   *     EngineOptions#sendBufferSize()} packets or {@link EngineOptions#sendBufferBytes()} bytes waiting to be
   *     written); the packets were then not queued, and the caller decides: drop them (volatile data) or close the
   *     session ({@link #close(EngineCloseReason, String)} with {@link EngineCloseReason#SEND_BUFFER_FULL}), as the
   *     Socket.IO server does. {@link EngineListener#onDrain} tells when it has room again.
   */
  boolean send(List<EngineIoPacket> packets, boolean compress);

  /**
   * Queues packets as {@link #send(List, boolean)} does, saying what may happen to them while they wait in the
   * session's buffer (a transport that cannot take more, such as a WebSocket whose outbound buffer is above its
   * high-water mark or long-polling between two GETs, leaves them there).
   *
   * @param volatileFlag whether they may be dropped to make room, under {@link OverflowPolicy#EVICT_VOLATILE}
   * @param key a later send from the same {@code source} with the same key replaces them while they still wait (the
   *     latest value per key); {@code null} for none
   * @param source whose packets these are: its {@link PacketSource#overflowPolicy()} applies when the buffer is full,
   *     and it is told of its packets dropped
   * @return false when the session is closed, or when the buffer is full and {@code source}'s policy is {@link
   *     OverflowPolicy#REFUSE}; under the other policies packets are dropped (and the source told), or the session
   *     closed with {@link EngineCloseReason#SEND_BUFFER_FULL} when nothing may give way
   */
  default boolean send(List<EngineIoPacket> packets, boolean compress, boolean volatileFlag, String key,
      PacketSource source) {
    return send(packets, compress);
  }

  /** Queues one packet; see {@link #send(List, boolean)}. */
  default boolean send(EngineIoPacket packet) {
    return send(List.of(packet), true);
  }

  /** Closes the session; the listener sees {@link EngineCloseReason#FORCED_CLOSE}. Idempotent. */
  void close();

  /**
   * Closes the session at once for {@code reason}: what the session still holds is dropped (what a WebSocket binding
   * has taken already may still be written before its close frame), a held long-polling GET gets CLOSE, and the
   * listener sees {@code reason}. Idempotent; the first close wins.
   */
  void close(EngineCloseReason reason, String description);

  /** The encoded bytes of the packets queued and not yet written (what the send buffer holds now). */
  long bufferedBytes();

  /**
   * Whether the send buffer is above its high-water mark: more than {@link EngineOptions#sendBufferHighWaterBytes()}
   * bytes or half of {@link EngineOptions#sendBufferSize()} packets waiting. Sends are still taken up to the hard
   * limits; a sender that can wait should, with {@link #drained()}.
   */
  boolean isCongested();

  /**
   * Completes once the send buffer is back at half its high-water marks (or the session closed); already complete when
   * the session is not congested. Completed on whatever thread drained the buffer, often an I/O thread: wait on it
   * ({@code get} with a timeout) rather than chain work on it.
   */
  CompletableFuture<Void> drained();

  /**
   * {@link System#nanoTime()} when the transport last reported packets of this session written, or when the session
   * opened if none were yet: how a sender waiting for {@link #drained()} tells a reader that is only slow (it keeps
   * taking packets) from one that stopped. The default says "now": never seen to stall.
   */
  default long lastWrittenNanos() {
    return System.nanoTime();
  }

  // ---- the session's events (the reference's socket.conn events), for operators' tools and metrics. Listeners are
  // called on the session's I/O or timer thread, or (packetCreate) on the sending thread: they must be quick, must
  // not block and must not send on this session. An exception a listener throws is logged. Implementations that do
  // not report these events throw UnsupportedOperationException.

  /**
   * Tells {@code listener} the name of the new transport once the session upgraded (the reference's {@code
   * upgrade}). Returns this session.
   */
  default EngineSocket onUpgrade(Consumer<String> listener) {
    throw new UnsupportedOperationException("onUpgrade");
  }

  /**
   * Tells {@code listener} each packet received on the session's transport, of any type (the reference's {@code
   * packet}): PONG, MESSAGE, CLOSE... Returns this session.
   */
  default EngineSocket onPacket(Consumer<EngineIoPacket> listener) {
    throw new UnsupportedOperationException("onPacket");
  }

  /**
   * Tells {@code listener} each packet queued for the client, of any type, as it is queued (the reference's {@code
   * packetCreate}): MESSAGE packets on the thread that sent them, PING on the timer thread. Returns this session.
   */
  default EngineSocket onPacketCreate(Consumer<EngineIoPacket> listener) {
    throw new UnsupportedOperationException("onPacketCreate");
  }

  /** Runs {@code listener} at each {@link EngineListener#onDrain} of this session. Returns this session. */
  default EngineSocket onDrain(Runnable listener) {
    throw new UnsupportedOperationException("onDrain");
  }

  /**
   * Tells {@code listener} the reason and description once the session closed (the reference's {@code close}); at
   * once when it is already closed. Returns this session.
   */
  default EngineSocket onClose(BiConsumer<EngineCloseReason, String> listener) {
    throw new UnsupportedOperationException("onClose");
  }
}
