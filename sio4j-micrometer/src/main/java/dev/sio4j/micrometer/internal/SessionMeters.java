package dev.sio4j.micrometer.internal;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Counts one Engine.IO session's packets and bytes both ways, its CONNECT_ERRORs, and times the acks it was asked
 * for: an EVENT the server sends with an ack id starts a clock, the client's ACK of that id (same namespace) stops it.
 *
 * <p>Thread-safety: packets out are seen on the sending threads, packets in on the session's I/O thread; the pending
 * acks are a concurrent map, created by the first event that asks for one, forgotten when the session closes.
 */
public final class SessionMeters {
  private final Meters meters;
  private final BooleanSupplier active;
  private volatile Map<String, Long> pendingAcks;

  /** The meters shared by every session of one binding. */
  public record Meters(MeterRegistry registry, Counter packetsIn, Counter packetsOut, Counter bytesIn,
      Counter bytesOut) {}

  private SessionMeters(Meters meters, BooleanSupplier active) {
    this.meters = meters;
    this.active = active;
  }

  /** Starts counting {@code session} into {@code meters} while {@code active} says so. */
  public static void observe(EngineSocket session, Meters meters, BooleanSupplier active) {
    SessionMeters m = new SessionMeters(meters, active);
    session.onPacket(m::received).onPacketCreate(m::created).onClose((reason, description) -> m.pendingAcks = null);
  }

  /** The bytes of {@code packet} on the wire: the UTF-8 text encoding, or a binary packet's raw bytes. */
  static int size(EngineIoPacket packet) {
    return packet.isBinary() ? packet.binary().length : packet.utf8Frame().length;
  }

  private void received(EngineIoPacket packet) {
    if (!active.getAsBoolean()) {
      return;
    }
    meters.packetsIn().increment();
    meters.bytesIn().increment(size(packet));
    Map<String, Long> pending = pendingAcks;
    if (pending == null || packet.type() != EngineIoPacketType.MESSAGE || packet.isBinary()) {
      return;
    }
    PacketHeader header = PacketHeader.parse(packet.text());
    if (header != null && (header.type() == PacketHeader.ACK || header.type() == PacketHeader.BINARY_ACK)
        && header.ackId() >= 0) {
      Long sent = pending.remove(header.namespace() + "#" + header.ackId());
      if (sent != null) {
        Timer.builder("sio4j.ack.roundtrip")
            .description("Time from the server sending an event that asks for an ack to the client's ack")
            .tag("namespace", header.namespace())
            .register(meters.registry())
            .record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
      }
    }
  }

  private void created(EngineIoPacket packet) {
    if (!active.getAsBoolean()) {
      return;
    }
    meters.packetsOut().increment();
    meters.bytesOut().increment(size(packet));
    if (packet.type() != EngineIoPacketType.MESSAGE || packet.isBinary()) {
      return;
    }
    PacketHeader header = PacketHeader.parse(packet.text());
    if (header == null) {
      return;
    }
    if (header.type() == PacketHeader.CONNECT_ERROR) {
      Counter.builder("sio4j.connect.errors")
          .description("CONNECT_ERROR packets sent: connections to a namespace refused (connect_error)")
          .tag("namespace", header.namespace())
          .register(meters.registry())
          .increment();
    } else if ((header.type() == PacketHeader.EVENT || header.type() == PacketHeader.BINARY_EVENT)
        && header.ackId() >= 0) {
      Map<String, Long> pending = pendingAcks;
      if (pending == null) {
        synchronized (this) {
          pending = pendingAcks;
          if (pending == null) {
            pending = new ConcurrentHashMap<>();
            pendingAcks = pending;
          }
        }
      }
      pending.put(header.namespace() + "#" + header.ackId(), System.nanoTime());
    }
  }
}
