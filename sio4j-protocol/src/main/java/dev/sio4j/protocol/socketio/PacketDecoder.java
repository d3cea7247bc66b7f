package dev.sio4j.protocol.socketio;

/**
 * Turns the Engine.IO MESSAGE packets of one session back into {@link SocketIoPacket}s, as one {@link SocketIoParser}
 * decodes; complete packets go to the sink the decoder was made with ({@link SocketIoParser#newDecoder}), on the
 * calling thread.
 *
 * <p>Not thread-safe: one decoder per session, fed in the order the messages arrived. A message that violates the
 * parser's format throws {@link SocketIoParseException}; the caller then closes the connection ("parse error"), as
 * the reference does, and feeds this decoder nothing more.
 */
public interface PacketDecoder {
  /** Feeds a text message. */
  void add(String text) throws SocketIoParseException;

  /** Feeds a binary message; the array is the decoder's from now on (kept, not copied). */
  void add(byte[] binary) throws SocketIoParseException;

  /** Drops any partly received packet (the session closed). */
  void reset();
}
