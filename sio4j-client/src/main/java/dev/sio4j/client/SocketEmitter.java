package dev.sio4j.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Socket} with emit modifiers, as the JS client's {@code socket.timeout(ms)} and {@code socket.volatile}.
 * Immutable and thread-safe; each modifier returns a new emitter.
 */
public final class SocketEmitter {
  private final Socket socket;
  private final EmitFlags flags;

  SocketEmitter(Socket socket, EmitFlags flags) {
    this.socket = socket;
    this.flags = flags;
  }

  /** Acknowledgements fail with {@link AckTimeoutException} after {@code timeout}. */
  public SocketEmitter timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new SocketEmitter(socket, new EmitFlags(timeout.toMillis(), flags.volatileFlag(), false));
  }

  /**
   * Events are dropped, not buffered, when they cannot be sent at once: the socket is not connected or its transport
   * is busy with a previous write (as the JS client's {@code socket.volatile}).
   */
  public SocketEmitter asVolatile() {
    return new SocketEmitter(socket, new EmitFlags(flags.timeoutMs(), true, false));
  }

  /** As {@link Socket#emit}, with these modifiers. */
  public SocketEmitter emit(String event, Object... args) {
    socket.emit(event, args, flags);
    return this;
  }

  /** As {@link Socket#emitWithAck}, with these modifiers. */
  public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
    return socket.emitWithAck(event, args, flags);
  }
}
