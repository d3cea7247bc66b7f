package dev.sio4j.protocol.engineio;

/**
 * Thrown by {@link EngineIoCodec} when bytes or text are not a valid Engine.IO v4 packet or payload: an empty packet,
 * an unknown type digit, invalid base64. The engine answers it by closing the session with "parse error".
 */
public final class EngineIoDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A decode error described by {@code message}. */
  public EngineIoDecodeException(String message) {
    super(message);
  }

  /** A decode error described by {@code message}, caused by {@code cause}. */
  public EngineIoDecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
