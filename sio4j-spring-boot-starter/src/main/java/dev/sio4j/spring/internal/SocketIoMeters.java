package dev.sio4j.spring.internal;

import dev.sio4j.micrometer.SocketIoMetrics;
import dev.sio4j.server.SocketIoServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer meters of the Socket.IO server, bound by Spring Boot to every {@link MeterRegistry}: those of {@link
 * SocketIoMetrics} (sockets of {@code /} and each controller's namespace, sessions by transport, packets, bytes,
 * broadcasts, refused requests, ack round trips, send buffers), and the starter's own:
 * <ul>
 *   <li>{@code sio4j.connections.refused{namespace}}: connections a middleware bean refused ({@code connect_error});
 *   <li>{@code sio4j.handler.duration{namespace,event,outcome}}: how long the annotated handlers ran;
 *   <li>{@code sio4j.ack.latency{namespace,event}}: from an event reaching an annotated handler to its
 *       acknowledgement (a returned {@code CompletableFuture} included).
 * </ul>
 * Thread-safe.
 */
public final class SocketIoMeters implements MeterBinder, SocketIoObserver {
  private final SocketIoServer io;
  private final Supplier<Iterable<String>> namespaces;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /** Meters of {@code io}, reporting the sockets of {@code namespaces}. */
  public SocketIoMeters(SocketIoServer io, Supplier<Iterable<String>> namespaces) {
    this.io = io;
    this.namespaces = namespaces;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    // the server's own meters (sockets, sessions, packets, broadcasts, errors, send buffers) come from sio4j-micrometer
    SocketIoMetrics.bind(io, registry, namespaces.get());
    registries.add(registry);
  }

  @Override
  public void connectionRefused(String namespace) {
    for (MeterRegistry registry : registries) {
      Counter.builder("sio4j.connections.refused")
          .description("Connections a middleware refused (the client got connect_error)")
          .tag("namespace", namespace)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void handled(String namespace, String event, long nanos, boolean failed) {
    for (MeterRegistry registry : registries) {
      Timer.builder("sio4j.handler.duration")
          .description("Time an annotated Socket.IO event handler ran")
          .tags("namespace", namespace, "event", event, "outcome", failed ? "error" : "success")
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void acknowledged(String namespace, String event, long nanos) {
    for (MeterRegistry registry : registries) {
      Timer.builder("sio4j.ack.latency")
          .description("Time from an event reaching an annotated handler to its acknowledgement")
          .tags("namespace", namespace, "event", event)
          .register(registry)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
