package dev.sio4j.spring.internal;

import dev.sio4j.server.SocketIoServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Micrometer meters of the Socket.IO server, bound by Spring Boot to every {@link MeterRegistry}:
 * <ul>
 *   <li>{@code sio4j.sockets.connected{namespace}}: the sockets connected to {@code /} and each controller's namespace;
 *   <li>{@code sio4j.engine.sessions{transport}}: Engine.IO sessions on {@code polling} and on {@code websocket};
 *   <li>{@code sio4j.connections.refused{namespace}}: connections a middleware bean refused ({@code connect_error});
 *   <li>{@code sio4j.handler.duration{namespace,event,outcome}}: how long the annotated handlers ran;
 *   <li>{@code sio4j.ack.latency{namespace,event}}: from an event reaching an annotated handler to its
 *       acknowledgement (a returned {@code CompletableFuture} included).
 * </ul>
 * The gauges read live counts at each scrape (the sessions gauge walks the open sessions). Thread-safe.
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
    for (String name : namespaces.get()) {
      Gauge.builder("sio4j.sockets.connected", io, server -> server.of(name).sockets().size())
          .description("Sockets connected to the namespace on this server")
          .tag("namespace", name)
          .register(registry);
    }
    for (String transport : List.of("polling", "websocket")) {
      Gauge.builder("sio4j.engine.sessions", io, server -> SessionCounts.count(server.engine(), transport))
          .description("Open Engine.IO sessions by current transport")
          .tag("transport", transport)
          .register(registry);
    }
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
