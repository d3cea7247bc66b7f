package dev.sio4j.server;

/**
 * Told about each socket that reached its send buffer's limit ({@link SocketIoServer#onSlowConsumer}). Called on the
 * thread that found the buffer full, possibly a Netty event loop: it must return quickly and never block.
 */
@FunctionalInterface
public interface SlowConsumerListener {
  /** {@code consumer} reached its limit for the first time. */
  void onSlowConsumer(SlowConsumer consumer);
}
