package dev.sio4j.engine;

/**
 * What a session does when a packet would take its send buffer past {@link EngineOptions#sendBufferSize()} packets
 * or {@link EngineOptions#sendBufferBytes()} bytes. Only packets still waiting in the session's own buffer can give way:
 * those a transport has taken (a WebSocket binding's outbound buffer, below its high-water mark) are gone already.
 */
public enum OverflowPolicy {
  /** The packet is refused: {@link EngineSocket#send} returns false and the caller decides. */
  REFUSE,
  /**
   * Waiting volatile packets are dropped, oldest first, to make room; when that is not enough, a volatile packet is
   * dropped and any other closes the session with {@link EngineCloseReason#SEND_BUFFER_FULL}.
   */
  EVICT_VOLATILE,
  /** Waiting packets of any kind are dropped, oldest first, to make room: for receivers that only want the latest. */
  EVICT_OLDEST
}
