package dev.sio4j.server;

import dev.sio4j.engine.OverflowPolicy;

/**
 * What happens to a socket whose client reads slower than the server writes to it, once its session's send buffer
 * is full ({@code EngineOptions.sendBufferSize()} packets or {@code sendBufferBytes()} bytes waiting). Set server-wide
 * with {@link ServerOptions.Builder#slowConsumerPolicy} and per namespace with {@link Namespace#slowConsumerPolicy}.
 * Each socket that reaches its limit is reported once to {@link SocketIoServer#onSlowConsumer} listeners and logged
 * once.
 *
 * <p>The reference server has no limit at all (its write buffer grows until the process runs out of memory). Every
 * policy here keeps one rule: a packet that is not volatile reaches the client, or the client is told. Only {@link
 * #DROP_OLDEST} lets packets go that the client never hears of, and only for sockets whose namespace chose it.
 */
public enum SlowConsumerPolicy {
  /**
   * The default: the connection closes with the reason {@code "send buffer full"}, a transport-level reason the
   * official clients answer by reconnecting; with connection state recovery on, the client gets what it missed.
   * Volatile packets that cannot be written are dropped, as the reference's {@code volatile} flag says.
   */
  DISCONNECT(OverflowPolicy.REFUSE),
  /**
   * Volatile packets still waiting in the buffer are dropped, oldest first, to make room; when that is not enough,
   * the connection closes as under {@link #DISCONNECT}. For namespaces that mix state updates (sent volatile) with
   * events that matter.
   */
  DROP_VOLATILE(OverflowPolicy.EVICT_VOLATILE),
  /**
   * Waiting packets of this namespace's sockets are dropped, oldest first, to make room, and the connection stays:
   * for clients that only want the latest state (quotes, positions, a dashboard). The drops are counted and reported,
   * never told to the client.
   */
  DROP_OLDEST(OverflowPolicy.EVICT_OLDEST);

  private final OverflowPolicy engine;

  SlowConsumerPolicy(OverflowPolicy engine) {
    this.engine = engine;
  }

  /** The engine's policy that carries this one out. */
  public OverflowPolicy overflowPolicy() {
    return engine;
  }
}
