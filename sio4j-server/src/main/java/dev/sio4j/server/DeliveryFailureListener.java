package dev.sio4j.server;

/**
 * Told when an emit could not reach some of its recipients ({@link SocketIoServer#onDeliveryFailure}): once per emit
 * or broadcast that failed for at least one local socket, after the emit returned. Runs on a handler thread, never on
 * an I/O thread.
 */
@FunctionalInterface
public interface DeliveryFailureListener {
  /** {@code failure} happened. */
  void onDeliveryFailure(DeliveryFailure failure) throws Exception;
}
