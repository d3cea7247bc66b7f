package dev.sio4j.redis;

/**
 * A request to the other servers of the cluster (e.g. {@code fetchSockets}) got fewer responses than there are servers
 * within {@link RedisAdapterOptions#requestsTimeout()}: the reference rejects with "timeout reached while waiting for
 * ... response". Immutable.
 */
public final class RedisRequestTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How many servers were expected to answer (this one included). */
  private final int expected;
  /** How many answered (this one included). */
  private final int received;

  /** A timeout of {@code request} with {@code received} of {@code expected} answers. */
  public RedisRequestTimeoutException(String request, int expected, int received) {
    super("timeout reached while waiting for " + request + " response (" + received + " of " + expected + " servers)");
    this.expected = expected;
    this.received = received;
  }

  /** How many servers were expected to answer (this one included). */
  public int expected() {
    return expected;
  }

  /** How many answered (this one included). */
  public int received() {
    return received;
  }
}
