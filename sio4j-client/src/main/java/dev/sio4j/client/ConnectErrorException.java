package dev.sio4j.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A namespace connection failed: the server refused it (a middleware's error, with its {@link #data()}), or the
 * connection could not be made ({@link #getCause()}).
 */
public final class ConnectErrorException extends SocketIoClientException {
  private static final long serialVersionUID = 1L;
  private final transient JsonNode data;

  public ConnectErrorException(String message, JsonNode data, Throwable cause) {
    super(message, cause);
    this.data = data;
  }

  /** The {@code data} the server attached to the refusal, or {@code null}. */
  public JsonNode data() {
    return data;
  }

  /** Whether the server refused the namespace (as opposed to a connection failure). */
  public boolean refusedByServer() {
    return getCause() == null;
  }
}
