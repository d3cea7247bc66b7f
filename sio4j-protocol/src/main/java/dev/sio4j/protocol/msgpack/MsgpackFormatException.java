package dev.sio4j.protocol.msgpack;

/**
 * Bytes that are not one well-formed MessagePack value within the decoder's limits: a reserved or truncated format,
 * trailing bytes, or nesting deeper than allowed. The message says which and at what offset.
 */
public final class MsgpackFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message} saying what was wrong. */
  public MsgpackFormatException(String message) {
    super(message);
  }
}
