package dev.sio4j.server;

import java.util.List;

/**
 * Completes an acknowledgement future exceptionally when the peer(s) did not answer within the timeout. For a
 * broadcast, {@link #responses()} holds the answers that did arrive (the reference passes them with the error).
 */
public final class AckTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Arguments> responses;

  /** A timeout after {@code timeoutMillis}, with the answers received so far. */
  public AckTimeoutException(long timeoutMillis, List<Arguments> responses) {
    super("operation has timed out after " + timeoutMillis + " ms", null, false, false);
    this.responses = List.copyOf(responses);
  }

  /** The answers received before the timeout (empty for a single socket). */
  public List<Arguments> responses() {
    return responses;
  }
}
