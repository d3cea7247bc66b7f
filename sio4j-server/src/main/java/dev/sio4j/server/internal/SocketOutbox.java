package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.engine.OverflowPolicy;
import dev.sio4j.engine.PacketSource;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The way out of one socket to its Engine.IO session. Until the socket's CONNECT answer is out, writes are held
 * (bounded): broadcasts reach a socket as soon as it joined its rooms, a moment before the answer, and a client must
 * see the answer first. {@link #open} sends the answer, then the packets a recovered socket missed, then the held
 * writes, skipping those the replay already carried (same offset): each kept packet reaches the client once, in offset
 * order. The replay may also carry packets that reach the socket live only after the answer: a cluster adapter reads
 * the missed packets from its store, which can be ahead of the messages this server has received from the broker so
 * far. Those are skipped too, until the last replayed one comes live: the broker delivers in order, so whatever follows
 * it is new. Thread-safe; after {@link #open} writes go straight to the session, without locking.
 *
 * <p>No packet disappears unnoticed here. A volatile one may be dropped (its contract: the transport was busy). A
 * closed outbox refuses writes: the socket has left, and its client has seen its disconnection. Any other packet that
 * cannot be queued (the session's send buffer full, or too many writes held before the CONNECT answer) runs
 * {@code overflow}, which closes the connection so that the client reconnects (and recovers what it missed, when
 * connection state recovery is on), and tells the emitter. A write that leaves the session above its high-water mark is
 * told to the {@link Emissions}, so that a handler that made it waits for the session to drain.
 */
final class SocketOutbox {
  /** A write held until the CONNECT answer is out; {@code offset} set for a packet kept for recovery. */
  private record Held(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress, String key,
      String offset) {}

  private final EngineSocket engine;
  private final PacketSource source;
  private final int maxHeld;
  private final Emissions emissions;
  private final Runnable overflow;
  // null once open or closed; guarded by this
  private List<Held> held = new ArrayList<>();
  private volatile boolean open;
  // set while a handler gave up waiting for this session to drain; cleared once it has
  private volatile boolean stalled;
  // after open: the offsets replayed that have not come live yet (see the class comment), or null
  private volatile Replayed replayed;

  /** The offsets of a replay, and its last one: once that one comes live, the rest of the replay has too. */
  private record Replayed(Set<String> offsets, String last) {}

  /**
   * @param source the socket, as its session sees it: its slow-consumer policy, and where drops are told
   * @param maxHeld the most writes held before the CONNECT answer
   * @param overflow closes the connection: a non-volatile packet could not be queued
   */
  SocketOutbox(EngineSocket engine, PacketSource source, int maxHeld, Emissions emissions, Runnable overflow) {
    this.engine = engine;
    this.source = source;
    this.maxHeld = maxHeld;
    this.emissions = emissions;
    this.overflow = overflow;
  }

  /**
   * Writes {@code packets} (encoded already, maybe shared with other recipients).
   *
   * @param key packets of this socket with the same key replace one another while they wait (null for none)
   * @param offset the recovery offset of a kept packet, or {@code null}
   * @return false when not queued: volatile and the transport busy, the outbox closed, or (after {@code overflow}
   *     ran) the session's buffer full or too many writes held before the CONNECT answer
   */
  boolean write(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress, String key, String offset) {
    if (!open) {
      boolean full;
      synchronized (this) {
        if (open) {
          full = false;
        } else if (held == null) {
          return false;
        } else if (held.size() < maxHeld) {
          held.add(new Held(packets, volatileFlag, compress, key, offset));
          return true;
        } else {
          full = true;
        }
      }
      if (full) {
        // run outside the lock: closing the connection closes this outbox too
        if (!volatileFlag) {
          overflow.run();
        }
        return false;
      }
    }
    Replayed r = replayed;
    if (r != null && offset != null && r.offsets().contains(offset)) {
      if (offset.equals(r.last())) {
        replayed = null;
      }
      // the client has it from the replay
      return true;
    }
    return writeNow(packets, volatileFlag, compress, key);
  }

  private boolean writeNow(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress, String key) {
    // volatile: dropped rather than queued when the transport is busy (the reference's "volatile" flag)
    if (volatileFlag && !engine.isWritable()) {
      return false;
    }
    if (engine.send(packets, compress, volatileFlag, key, source)) {
      // a handler waits for a congested socket only where a full buffer would cost its connection; under the
      // dropping policies the buffer sheds instead, and one slow client must not slow the handlers of the others
      if (!stalled && engine.isCongested() && source.overflowPolicy() == OverflowPolicy.REFUSE) {
        emissions.congested(this);
      }
      return true;
    }
    if (!volatileFlag && engine.isOpen()) {
      overflow.run();
    }
    return false;
  }

  /** Completes once the session is back under its low-water mark (or closed). */
  CompletableFuture<Void> drained() {
    return engine.drained();
  }

  /** The encoded bytes waiting in the connection's send buffer. */
  long bufferedBytes() {
    return engine.bufferedBytes();
  }

  /** {@link System#nanoTime()} when the connection last wrote packets of this socket's (or opened). */
  long lastWrittenNanos() {
    return engine.lastWrittenNanos();
  }

  /** A handler waited for {@code drained} in vain: no handler waits for this outbox again until it completes. */
  void stalled(CompletableFuture<?> drained) {
    stalled = true;
    drained.whenComplete((v, e) -> stalled = false);
  }

  /**
   * Sends {@code connect} (the CONNECT answer), the {@code missed} EVENTs of a recovered socket ({@code [event,
   * args..., offset]}), then what was held; from then on writes go out at once. Does nothing once closed.
   *
   * <p>A send may run the session's queued work on this thread (the engine's serial executor runs on its caller), so
   * the connection can close this outbox, or queue more writes, from inside the loop below: writing stops once it is
   * closed, and writes held meanwhile go out after the others, in order.
   */
  void open(List<EngineIoPacket> connect, List<ArrayNode> missed, String namespace, PacketEncoder encoder) {
    synchronized (this) {
      List<Held> pending = held;
      if (pending == null) {
        return;
      }
      engine.send(connect, true, false, null, source);
      Set<String> offsets = new HashSet<>();
      String last = null;
      for (int i = 0; i < missed.size() && held != null; i++) {
        ArrayNode packet = missed.get(i);
        last = packet.get(packet.size() - 1).asText();
        offsets.add(last);
        writeNow(encoder.encode(SocketIoPacket.event(namespace, packet, SocketIoPacket.NO_ACK)), false, true, null);
      }
      boolean caughtUp = last == null;
      // by index: a write held while an earlier one is sent is appended to this list
      for (int i = 0; i < pending.size() && held != null; i++) {
        Held h = pending.get(i);
        if (h.offset() == null || !offsets.contains(h.offset())) {
          writeNow(h.packets(), h.volatileFlag(), h.compress(), h.key());
        } else if (h.offset().equals(last)) {
          caughtUp = true;
        }
      }
      if (held == null) {
        return;
      }
      held = null;
      if (!caughtUp) {
        replayed = new Replayed(offsets, last);
      }
      open = true;
    }
  }

  /** Drops what is held and refuses further writes until... never: the socket left. */
  synchronized void close() {
    held = null;
  }
}
