package dev.sio4j.spring.internal;

import dev.sio4j.server.SocketIoServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code sio4j} entry of Actuator's health endpoint: UP while the server runs (DOWN once it was stopped), with the
 * engine sessions by transport and the connected sockets of each known namespace as details. Reads live counts; no
 * state of its own. Thread-safe.
 */
public final class SocketIoHealthIndicator extends AbstractHealthIndicator {
  private final SocketIoServer io;
  private final SocketIoLifecycle lifecycle;
  private final Supplier<Iterable<String>> namespaces;

  /** An indicator of {@code io}, whose lifecycle is {@code lifecycle}, reporting {@code namespaces}. */
  public SocketIoHealthIndicator(SocketIoServer io, SocketIoLifecycle lifecycle, Supplier<Iterable<String>> namespaces) {
    super("Socket.IO health check failed");
    this.io = io;
    this.lifecycle = lifecycle;
    this.namespaces = namespaces;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    if (lifecycle.isRunning()) {
      builder.up();
    } else {
      builder.down();
    }
    builder.withDetail("path", io.options().path());
    if (lifecycle.ownPort() > 0) {
      builder.withDetail("port", lifecycle.ownPort());
    }
    builder.withDetail("sessions", SessionCounts.byTransport(io.engine()));
    Map<String, Integer> sockets = new LinkedHashMap<>();
    for (String name : namespaces.get()) {
      sockets.put(name, io.of(name).sockets().size());
    }
    builder.withDetail("sockets", sockets);
  }
}
