package dev.sio4j.engine.internal;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one session's events ({@code upgrade}, {@code packet}, {@code packetCreate}, {@code drain}, {@code
 * close}). Created only for a session someone observes, so an unobserved idle session pays one null field.
 *
 * <p>Thread-safety: listeners are added from any thread and called from any thread (copy-on-write lists); a failing
 * listener is logged and the others still run.
 */
final class SessionEvents {
  private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

  final List<Consumer<String>> upgrade = new CopyOnWriteArrayList<>();
  final List<Consumer<EngineIoPacket>> packet = new CopyOnWriteArrayList<>();
  final List<Consumer<EngineIoPacket>> packetCreate = new CopyOnWriteArrayList<>();
  final List<Runnable> drain = new CopyOnWriteArrayList<>();
  final List<BiConsumer<EngineCloseReason, String>> close = new CopyOnWriteArrayList<>();

  void upgraded(String sid, String transport) {
    for (Consumer<String> l : upgrade) {
      try {
        l.accept(transport);
      } catch (RuntimeException e) {
        log.error("upgrade listener failed for session {}", sid, e);
      }
    }
  }

  void received(String sid, EngineIoPacket p) {
    for (Consumer<EngineIoPacket> l : packet) {
      try {
        l.accept(p);
      } catch (RuntimeException e) {
        log.error("packet listener failed for session {}", sid, e);
      }
    }
  }

  void created(String sid, EngineIoPacket p) {
    for (Consumer<EngineIoPacket> l : packetCreate) {
      try {
        l.accept(p);
      } catch (RuntimeException e) {
        log.error("packetCreate listener failed for session {}", sid, e);
      }
    }
  }

  void drained(String sid) {
    for (Runnable l : drain) {
      try {
        l.run();
      } catch (RuntimeException e) {
        log.error("drain listener failed for session {}", sid, e);
      }
    }
  }

  static void closed(String sid, BiConsumer<EngineCloseReason, String> l, EngineCloseReason reason,
      String description) {
    try {
      l.accept(reason, description);
    } catch (RuntimeException e) {
      log.error("close listener failed for session {}", sid, e);
    }
  }
}
