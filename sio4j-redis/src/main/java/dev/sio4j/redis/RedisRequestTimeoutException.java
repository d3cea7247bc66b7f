package dev.sio4j.redis;

import dev.sio4j.server.adapter.ClusterRequestTimeoutException;

/**
 * A request to the other servers of the cluster (e.g. {@code fetchSockets}) got fewer responses than there are servers
 * within {@link RedisAdapterOptions#requestsTimeout()}: the reference rejects with "timeout reached while waiting for
 * ... response". Immutable.
 */
public final class RedisRequestTimeoutException extends ClusterRequestTimeoutException {
  private static final long serialVersionUID = 1L;

  /** A timeout of {@code request} with {@code received} of {@code expected} answers (this server included). */
  public RedisRequestTimeoutException(String request, int expected, int received) {
    super(request, expected, received);
  }
}
