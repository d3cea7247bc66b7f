package dev.sio4j.micrometer;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.micrometer.internal.SessionMeters;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters of a {@link SocketIoServer}, for any {@link MeterRegistry} (no Spring needed):
 *
 * <ul>
 *   <li>{@code sio4j.sockets.connected{namespace}} (gauge): the sockets connected to each namespace bound;
 *   <li>{@code sio4j.engine.sessions{transport}} (gauge): open Engine.IO sessions on {@code polling} and on {@code
 *       websocket};
 *   <li>{@code sio4j.engine.packets{direction=in|out}} and {@code sio4j.engine.bytes{direction}} (counters): the
 *       Engine.IO packets of every type each way after the handshake (the OPEN packet and the upgrade probe are not
 *       counted), and their bytes (text packets as UTF-8 with their type digit, binary ones as raw bytes);
 *   <li>{@code sio4j.broadcasts{namespace}} and {@code sio4j.broadcast.deliveries{namespace}} (counters): broadcasts
 *       the namespace's adapter delivered on this server, and the sockets whose send buffer took them (0 with an
 *       adapter that does not report broadcasts, {@link dev.sio4j.server.adapter.Adapter#onBroadcast});
 *   <li>{@code sio4j.engine.connection.errors{code}} (counter): requests the engine refused (handshakes included), by
 *       Engine.IO error code, 0 to 5;
 *   <li>{@code sio4j.connect.errors{namespace}} (counter): connections to a namespace refused with connect_error (a
 *       middleware's refusal, an unknown namespace);
 *   <li>{@code sio4j.ack.roundtrip{namespace}} (timer): from the server sending an event that asks for an ack (on a
 *       socket or broadcast) to the client's ack; an ack that never comes is not recorded;
 *   <li>{@code sio4j.engine.send.buffer.bytes} and {@code sio4j.engine.send.buffer.max.bytes} (gauges): the bytes
 *       queued and not yet written, over all sessions and in the fullest one;
 *   <li>{@code sio4j.slow.consumers{namespace,policy}} (counter): sockets whose send buffer reached its limit, once
 *       each ({@link SocketIoServer#onSlowConsumer}).
 * </ul>
 *
 * <p>Bind before {@code listen} to count every session: sessions opened earlier are not counted by the counters (the
 * gauges see them). The gauges read live state at each scrape (the sessions gauges walk the open sessions). {@link
 * #close()} removes the meters from the registry and stops counting. Thread-safe.
 */
public final class SocketIoMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SocketIoMetrics.class);
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private volatile boolean active = true;

  private SocketIoMetrics(SocketIoServer io, MeterRegistry registry, Iterable<String> namespaces) {
    this.registry = registry;
    for (String name : namespaces) {
      String namespace = io.of(name).name();
      meters.add(Gauge.builder("sio4j.sockets.connected", io, server -> server.of(namespace).sockets().size())
          .description("Sockets connected to the namespace on this server")
          .tag("namespace", namespace)
          .register(registry));
      Counter broadcasts = Counter.builder("sio4j.broadcasts")
          .description("Broadcasts the namespace's adapter delivered on this server")
          .tag("namespace", namespace)
          .register(registry);
      Counter deliveries = Counter.builder("sio4j.broadcast.deliveries")
          .description("Sockets of this server whose send buffer took a broadcast")
          .tag("namespace", namespace)
          .register(registry);
      meters.add(broadcasts);
      meters.add(deliveries);
      try {
        io.of(namespace).adapter().onBroadcast((SocketIoPacket packet, BroadcastOptions options, int recipients) -> {
          if (active) {
            broadcasts.increment();
            deliveries.increment(recipients);
          }
        });
      } catch (UnsupportedOperationException e) {
        // an adapter of its own that does not report broadcasts: its counters stay at 0
        log.warn("the adapter of {} does not report broadcasts: sio4j.broadcasts stays at 0", namespace);
      }
    }
    for (String transport : List.of("polling", "websocket")) {
      meters.add(Gauge.builder("sio4j.engine.sessions", io, server -> count(server, transport))
          .description("Open Engine.IO sessions by current transport")
          .tag("transport", transport)
          .register(registry));
    }
    meters.add(Gauge.builder("sio4j.engine.send.buffer.bytes", io, server -> buffered(server, false))
        .description("Bytes queued and not yet written, over all sessions")
        .baseUnit("bytes")
        .register(registry));
    meters.add(Gauge.builder("sio4j.engine.send.buffer.max.bytes", io, server -> buffered(server, true))
        .description("Bytes queued and not yet written in the fullest session")
        .baseUnit("bytes")
        .register(registry));
    SessionMeters.Meters shared = new SessionMeters.Meters(registry,
        traffic("sio4j.engine.packets", "in", "Engine.IO packets received", null),
        traffic("sio4j.engine.packets", "out", "Engine.IO packets queued for the clients", null),
        traffic("sio4j.engine.bytes", "in", "Bytes of the Engine.IO packets received", "bytes"),
        traffic("sio4j.engine.bytes", "out", "Bytes of the Engine.IO packets queued for the clients", "bytes"));
    io.onEngineConnection(session -> {
      if (active) {
        SessionMeters.observe(session, shared, () -> active);
      }
    });
    io.onConnectionError(error -> {
      if (active) {
        Counter.builder("sio4j.engine.connection.errors")
            .description("Requests the engine refused, handshakes included, by Engine.IO error code")
            .tag("code", String.valueOf(error.code()))
            .register(registry)
            .increment();
      }
    });
    io.onSlowConsumer(slow -> {
      if (active) {
        Counter.builder("sio4j.slow.consumers")
            .description("Sockets whose send buffer reached its limit, once each")
            .tag("namespace", slow.socket().namespace().name())
            .tag("policy", slow.policy().name())
            .register(registry)
            .increment();
      }
    });
  }

  /** Meters of {@code io}'s main namespace {@code /} and its engine, registered in {@code registry}. */
  public static SocketIoMetrics bind(SocketIoServer io, MeterRegistry registry) {
    return bind(io, registry, List.of("/"));
  }

  /** Meters of {@code io}, with the socket and broadcast meters of each of {@code namespaces}. */
  public static SocketIoMetrics bind(SocketIoServer io, MeterRegistry registry, Iterable<String> namespaces) {
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(namespaces, "namespaces");
    return new SocketIoMetrics(io, registry, namespaces);
  }

  /** {@link #bind(SocketIoServer, MeterRegistry, Iterable)} with the namespaces {@code namespaces} gives now. */
  public static SocketIoMetrics bind(SocketIoServer io, MeterRegistry registry,
      Supplier<? extends Iterable<String>> namespaces) {
    return bind(io, registry, namespaces.get());
  }

  private Counter traffic(String name, String direction, String description, String unit) {
    Counter counter = Counter.builder(name).description(description).baseUnit(unit).tag("direction", direction)
        .register(registry);
    meters.add(counter);
    return counter;
  }

  private static int count(SocketIoServer io, String transport) {
    int n = 0;
    for (EngineSocket session : io.engine().sessions()) {
      if (transport.equals(session.transport())) {
        n++;
      }
    }
    return n;
  }

  private static long buffered(SocketIoServer io, boolean max) {
    long total = 0;
    long most = 0;
    for (EngineSocket session : io.engine().sessions()) {
      long bytes = session.bufferedBytes();
      total += bytes;
      most = Math.max(most, bytes);
    }
    return max ? most : total;
  }

  /**
   * Stops counting and removes the meters registered at binding from the registry (the tagged counters made later,
   * connection errors and ack round trips, stay with their last values). Listeners stay on the server, idle.
   */
  @Override
  public void close() {
    active = false;
    for (Meter meter : meters) {
      registry.remove(meter);
    }
  }
}
