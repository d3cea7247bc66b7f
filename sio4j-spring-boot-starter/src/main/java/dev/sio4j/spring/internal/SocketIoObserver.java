package dev.sio4j.spring.internal;

/**
 * What the starter tells the metrics about the work it does itself: refused connections (the middlewares it installs)
 * and the annotated handlers it calls. {@link #NONE} when Micrometer is absent. Implementations are thread-safe and
 * quick: they are called on handler threads.
 */
public interface SocketIoObserver {
  /** Observes nothing. */
  SocketIoObserver NONE = new SocketIoObserver() {};

  /** A middleware refused a connection to {@code namespace}: the client got a {@code connect_error}. */
  default void connectionRefused(String namespace) {}

  /** An annotated handler of {@code event} on {@code namespace} ran for {@code nanos}, failing or not. */
  default void handled(String namespace, String event, long nanos, boolean failed) {}

  /** An annotated handler of {@code event} acknowledged {@code nanos} after the event reached it. */
  default void acknowledged(String namespace, String event, long nanos) {}
}
