package dev.sio4j.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A target for an emit or a socket operation: a namespace's sockets, narrowed to rooms ({@link #to}), minus rooms
 * ({@link #except}), with flags. Immutable: every narrowing method returns a new operator, so operators may be kept and
 * shared between threads.
 */
public interface BroadcastOperator {
  /** Targets the sockets in {@code rooms} (added to the rooms already targeted). */
  BroadcastOperator to(String... rooms);

  /** Same as {@link #to}. */
  default BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  /** Leaves out the sockets in {@code rooms}. */
  BroadcastOperator except(String... rooms);

  /**
   * Only the sockets of this server, even with a cluster adapter ({@code local} flag of the reference). With the
   * in-memory adapter every socket is local already, so the flag changes nothing there.
   */
  BroadcastOperator local();

  /** Drops the event for each socket whose transport is not ready to write now (the reference's {@code volatile}). */
  BroadcastOperator asVolatile();

  /**
   * Keeps only the latest value per {@code key}: while the event still waits in a socket's send buffer (its client
   * reads slower than the server writes), a later one sent with the same key replaces it. For state that only
   * matters as of now, such as {@code io.to("quotes").latest("price:ACME").emit("price", "ACME", 101.5)}. Replaced
   * events are never reported as drops. Applies on this server only.
   */
  BroadcastOperator latest(String key);

  /** Whether the transport may compress the event (default true). */
  BroadcastOperator compress(boolean compress);

  /** Acknowledgements wait at most {@code timeout} (default: no limit). */
  BroadcastOperator timeout(Duration timeout);

  /** Same as {@link #timeout(Duration)} in milliseconds. */
  default BroadcastOperator timeout(long millis) {
    return timeout(Duration.ofMillis(millis));
  }

  /**
   * Sends {@code event} with {@code args} to every targeted socket; encoded once. Arguments are serialized by Jackson;
   * {@code byte[]} and {@code java.nio.ByteBuffer} values (anywhere) go as binary attachments.
   *
   * <p>A recipient whose send buffer is full does not lose the packet in silence: its connection is closed
   * ({@link DisconnectReason#SEND_BUFFER_FULL}; the client reconnects, and recovers what it missed when connection
   * state recovery is on), and the failure goes to the {@link SocketIoServer#onDeliveryFailure} listeners. Called from
   * a handler, the emit returns once the recipients it left above their high-water mark have drained, or after
   * {@link ServerOptions#backpressureTimeout()}.
   *
   * @return false when a local recipient could not take the packet (its connection was closed); otherwise true, as the
   *     reference (which always returns true)
   */
  boolean emit(String event, Object... args);

  /** Sends the {@code message} event ({@code send} in the reference). */
  default boolean send(Object... args) {
    return emit("message", args);
  }

  /**
   * Sends {@code event} asking each targeted socket for an acknowledgement. Completes with every answer once all
   * targeted sockets answered, or exceptionally with {@link AckTimeoutException} (holding the answers received) when
   * the {@link #timeout} ran out first.
   */
  CompletableFuture<List<Arguments>> emitWithAck(String event, Object... args);

  /** The targeted sockets. */
  CompletableFuture<List<RemoteSocket>> fetchSockets();

  /** Makes the targeted sockets join {@code rooms}. */
  void socketsJoin(String... rooms);

  /** Makes the targeted sockets leave {@code rooms}. */
  void socketsLeave(String... rooms);

  /** Disconnects the targeted sockets; with {@code close}, their connections too. */
  void disconnectSockets(boolean close);
}
