package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The way out of one socket to its Engine.IO session. Until the socket's CONNECT answer is out, writes are held
 * (bounded): broadcasts reach a socket as soon as it joined its rooms, a moment before the answer, and a client must
 * see the answer first. {@link #open} sends the answer, then the packets a recovered socket missed, then the held
 * writes, skipping those the replay already carried (same offset): each kept packet reaches the client once, in offset
 * order. Thread-safe; after {@link #open} writes go straight to the session, without locking.
 */
final class SocketOutbox {
  /** A write held until the CONNECT answer is out; {@code offset} set for a packet kept for recovery. */
  private record Held(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress, String offset) {}

  private final EngineSocket engine;
  private final int maxHeld;
  // null once open or closed; guarded by this
  private List<Held> held = new ArrayList<>();
  private volatile boolean open;

  SocketOutbox(EngineSocket engine, int maxHeld) {
    this.engine = engine;
    this.maxHeld = maxHeld;
  }

  /**
   * Writes {@code packets} (encoded already, maybe shared with other recipients).
   *
   * @param offset the recovery offset of a kept packet, or {@code null}
   * @return false when dropped: volatile and the transport busy, the session's buffer full, the outbox closed, or too
   *     many writes held before the CONNECT answer
   */
  boolean write(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress, String offset) {
    if (!open) {
      synchronized (this) {
        if (!open) {
          if (held == null || held.size() >= maxHeld) {
            return false;
          }
          held.add(new Held(packets, volatileFlag, compress, offset));
          return true;
        }
      }
    }
    return writeNow(packets, volatileFlag, compress);
  }

  private boolean writeNow(List<EngineIoPacket> packets, boolean volatileFlag, boolean compress) {
    // volatile: dropped rather than queued when the transport is busy (the reference's "volatile" flag)
    if (volatileFlag && !engine.isWritable()) {
      return false;
    }
    return engine.send(packets, compress);
  }

  /**
   * Sends {@code connect} (the CONNECT answer), the {@code missed} EVENTs of a recovered socket ({@code [event,
   * args..., offset]}), then what was held; from then on writes go out at once. Does nothing once closed.
   */
  void open(List<EngineIoPacket> connect, List<ArrayNode> missed, String namespace, SocketIoEncoder encoder) {
    synchronized (this) {
      if (held == null) {
        return;
      }
      engine.send(connect, true);
      Set<String> replayed = new HashSet<>();
      for (ArrayNode packet : missed) {
        replayed.add(packet.get(packet.size() - 1).asText());
        writeNow(encoder.encode(SocketIoPacket.event(namespace, packet, SocketIoPacket.NO_ACK)), false, true);
      }
      for (Held h : held) {
        if (h.offset() == null || !replayed.contains(h.offset())) {
          writeNow(h.packets(), h.volatileFlag(), h.compress());
        }
      }
      held = null;
      open = true;
    }
  }

  /** Drops what is held and refuses further writes until... never: the socket left. */
  synchronized void close() {
    held = null;
  }
}
