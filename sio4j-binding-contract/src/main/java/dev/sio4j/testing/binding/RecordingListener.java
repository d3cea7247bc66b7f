package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records engine events as strings ({@code open <sid>}, {@code message <sid> <text>}, {@code binary <sid> <hex>},
 * {@code close <sid> <reason>}) and echoes every message back unless {@link #echo} is off. Public for the binding
 * modules' own tests.
 */
public final class RecordingListener implements EngineListener {
  public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  public final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
  public final Map<String, EngineCloseReason> closeReasons = new ConcurrentHashMap<>();
  public final Map<String, java.util.concurrent.atomic.AtomicInteger> drains = new ConcurrentHashMap<>();
  public volatile boolean echo = true;

  @Override
  public void onOpen(EngineSocket socket) {
    sockets.put(socket.id(), socket);
    events.add("open " + socket.id());
  }

  @Override
  public void onMessage(EngineSocket socket, EngineIoPacket message) {
    if (message.isBinary()) {
      events.add("binary " + socket.id() + " " + HexFormat.of().formatHex(message.binary()));
    } else {
      events.add("message " + socket.id() + " " + message.text());
    }
    if (echo) {
      socket.send(message);
    }
  }

  @Override
  public void onClose(EngineSocket socket, EngineCloseReason reason, String description) {
    events.add("close " + socket.id() + " " + reason.reason());
    synchronized (closeReasons) {
      closeReasons.put(socket.id(), reason);
      closeReasons.notifyAll();
    }
  }

  @Override
  public void onDrain(EngineSocket socket) {
    drains.computeIfAbsent(socket.id(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
  }

  @Override
  public void onConnectionError(dev.sio4j.engine.EngineRequest request, int code, String message) {
    events.add("error " + code + " " + message);
  }

  /** Waits for the next event starting with {@code prefix}, skipping others; fails after 5 seconds. */
  public String await(String prefix) throws InterruptedException {
    List<String> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      String event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (event == null) {
        fail("no event '" + prefix + "' within 5 s; saw " + skipped);
      }
      if (event.startsWith(prefix)) {
        return event;
      }
      skipped.add(event);
    }
  }

  /** The close reason of session {@code sid}, waiting for it. */
  public EngineCloseReason awaitClose(String sid) throws InterruptedException {
    // 10 s: a container closing a WebSocket hands the close frame to a thread of its own, late on a loaded machine
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (closeReasons) {
      while (!closeReasons.containsKey(sid)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          fail("session " + sid + " did not close within 10 s");
        }
        closeReasons.wait(left);
      }
    }
    return closeReasons.get(sid);
  }
}
