package dev.sio4j.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One incoming event, as a handler sees it: the socket, the name, the arguments (raw or bound to Java types) and, when
 * the client asked for one, the acknowledgement.
 *
 * <p>Valid during and after the handler; {@link #ack} may be called later from any thread, once (further calls are
 * ignored, as the reference does).
 */
public interface Event {
  /** The socket that received the event. */
  Socket socket();

  /** The event name. */
  String name();

  /** The arguments (without the name). */
  Arguments arguments();

  /** The arguments as raw values, to pass on: {@code io.emit("message", event.args())}. */
  default Object[] args() {
    return arguments().toArray();
  }

  /** Argument {@code index} as raw JSON, or {@code null}. */
  default JsonNode arg(int index) {
    return arguments().get(index);
  }

  /** Argument {@code index} bound to {@code type} (see {@link Arguments#get(int, Class)}). */
  default <T> T arg(int index, Class<T> type) {
    return arguments().get(index, type);
  }

  /** Binary argument {@code index}, or {@code null}. */
  default byte[] bytes(int index) {
    return arguments().bytes(index);
  }

  /** Whether the client asked for an acknowledgement. */
  boolean hasAck();

  /**
   * Sends the acknowledgement with {@code args} ({@code byte[]}/{@code ByteBuffer} go as binary). Ignored when the
   * client asked for none, or after the first call.
   */
  void ack(Object... args);
}
