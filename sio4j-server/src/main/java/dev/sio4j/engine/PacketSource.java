package dev.sio4j.engine;

/**
 * Who queued a packet on a session, as {@link EngineSocket#send(java.util.List, boolean, boolean, String,
 * PacketSource)} is told: the policy that applies when the send buffer is full, and the one to tell when a packet of
 * its own was dropped there. The Socket.IO server passes one per socket; a session multiplexes several.
 *
 * <p>{@link #dropped} is called on the session's thread: it must return quickly and never block.
 */
public interface PacketSource {
  /** What a full send buffer does to this source's packets. */
  OverflowPolicy overflowPolicy();

  /**
   * A packet of this source found the send buffer full: packets are dropped next, or the session closes. Called each
   * time, before {@link #dropped}.
   */
  void full();

  /**
   * {@code count} packet groups (one {@code send} call each) of this source were dropped from the send buffer.
   *
   * @param superseded true when a later packet with the same key replaced them, false when the buffer was full
   */
  void dropped(int count, boolean superseded);
}
