package dev.sio4j.spring;

/**
 * The acknowledgement of an event, as an {@link OnEvent} method parameter: {@code ack.send("ok")} calls the client's
 * callback with those arguments ({@code byte[]} and {@code ByteBuffer} go as binary).
 *
 * <p>May be called later, from any thread; only the first call sends, and nothing is sent when the client asked for no
 * acknowledgement ({@link #requested()} is false).
 */
public interface Ack {
  /** Whether the client asked for an acknowledgement. */
  boolean requested();

  /** Sends the acknowledgement with {@code args}. */
  void send(Object... args);
}
