package dev.sio4j.server.adapter;

/**
 * A request to the other servers of the cluster ({@code fetchSockets}...) got fewer answers than expected within its
 * timeout: the reference rejects with "timeout reached". Counts include the requesting server. Immutable.
 */
public class ClusterRequestTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** How many servers were expected to answer (this one included). */
  private final int expected;
  /** How many answered (this one included). */
  private final int received;

  /** A timeout of {@code request} with {@code received} of {@code expected} answers. */
  public ClusterRequestTimeoutException(String request, int expected, int received) {
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
