package dev.sio4j.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event another server of the cluster sent with {@link Namespace#serverSideEmit} or {@link
 * Namespace#serverSideEmitWithAck}: its name, its arguments and, when the sender waits for answers, the
 * acknowledgement (the reference's callback, the last argument of {@code io.on(event, (...args, callback) => ...)}).
 *
 * <p>Valid during and after the listener; {@link #ack} may be called later from any thread, once (further calls are
 * ignored, as the reference does).
 */
public interface ServerSideEvent {
  /** The event name. */
  String name();

  /** The arguments (without the name). */
  Arguments arguments();

  /** Argument {@code index} as raw JSON, or {@code null}. */
  default JsonNode arg(int index) {
    return arguments().get(index);
  }

  /** Argument {@code index} bound to {@code type} (see {@link Arguments#get(int, Class)}). */
  default <T> T arg(int index, Class<T> type) {
    return arguments().get(index, type);
  }

  /** Whether the sending server waits for this server's answer ({@code serverSideEmitWithAck}). */
  boolean hasAck();

  /**
   * Answers the sending server with {@code value} (bound to JSON by the server's mapper; {@code null} answers JSON
   * null). One value per server, as the reference's callback sends its first argument only. Ignored when the sender
   * waits for no answer, or after the first call.
   */
  void ack(Object value);
}
