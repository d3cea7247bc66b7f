package dev.sio4j.client.internal;

import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * HTTP long-polling (engine.io-protocol, "HTTP long-polling"): one GET pending at all times receives packets, one
 * POST at a time sends them, both as payloads of packets separated by the record separator {@code \x1e}.
 */
final class PollingTransport extends Transport {
  private enum State { OPENING, OPEN, PAUSING, PAUSED }

  private HttpExchange pendingGet;
  private HttpExchange pendingPost;
  private State state = State.OPENING;
  private boolean polling;
  private final List<Runnable> onPollComplete = new ArrayList<>();
  private final List<Runnable> onDrain = new ArrayList<>();

  PollingTransport(Endpoint endpoint, ClientThreads loop, String sid, Sink sink) {
    super(endpoint, loop, sid, sink);
  }

  @Override
  public String name() {
    return "polling";
  }

  @Override
  public void open() {
    poll();
  }

  private void poll() {
    polling = true;
    pendingGet = HttpExchange.get(endpoint, loop, sid, (status, body, failure) -> {
      pendingGet = null;
      if (closed) {
        return;
      }
      if (failure != null || status != 200) {
        fail("xhr poll error" + (failure == null ? " (HTTP " + status + ")" : ""), failure);
        return;
      }
      onData(body);
    });
  }

  private void onData(String body) {
    List<EngineIoPacket> packets;
    try {
      packets = EngineIoCodec.decodePayload(body);
    } catch (RuntimeException e) {
      fail("parse error", e);
      return;
    }
    for (EngineIoPacket packet : packets) {
      if (state == State.OPENING && packet.type() == EngineIoPacketType.OPEN) {
        state = State.OPEN;
        writable = true;
        sink.onOpen(this);
      }
      if (packet.type() == EngineIoPacketType.CLOSE) {
        closedByServer("transport close");
        return;
      }
      sink.onPacket(this, packet);
      if (closed) {
        return;
      }
    }
    polling = false;
    runAll(onPollComplete);
    if (state == State.OPEN) {
      poll();
    }
  }

  @Override
  public void send(List<EngineIoPacket> packets) {
    writable = false;
    pendingPost = HttpExchange.post(endpoint, loop, sid, EngineIoCodec.encodePayload(packets),
        (status, body, failure) -> {
          pendingPost = null;
          if (closed) {
            return;
          }
          if (failure != null || status != 200) {
            fail("xhr post error" + (failure == null ? " (HTTP " + status + ")" : ""), failure);
            return;
          }
          writable = true;
          sink.onDrain(this);
          runAll(onDrain);
        });
  }

  /**
   * Stops polling once the pending GET and POST are done (the server answers the GET with a NOOP when an upgrade
   * starts), then runs {@code onPause}: the last step before the session moves to WebSocket.
   */
  void pause(Runnable onPause) {
    state = State.PAUSING;
    Runnable paused = () -> {
      state = State.PAUSED;
      onPause.run();
    };
    int[] waiting = {0};
    if (polling) {
      waiting[0]++;
      onPollComplete.add(() -> {
        if (--waiting[0] == 0) {
          paused.run();
        }
      });
    }
    if (!writable) {
      waiting[0]++;
      onDrain.add(() -> {
        if (--waiting[0] == 0) {
          paused.run();
        }
      });
    }
    if (waiting[0] == 0) {
      paused.run();
    }
  }

  private static void runAll(List<Runnable> actions) {
    if (!actions.isEmpty()) {
      List<Runnable> copy = new ArrayList<>(actions);
      actions.clear();
      copy.forEach(Runnable::run);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    boolean wasOpen = state == State.OPEN;
    closed = true;
    if (pendingGet != null) {
      pendingGet.cancel();
      pendingGet = null;
    }
    // A POST in flight is left to finish (the server may be reading its packets); its outcome is ignored.
    pendingPost = null;
    if (wasOpen && sid != null) {
      // Tell the server the session ends (engine.io-protocol: a CLOSE packet), on a request of its own.
      HttpExchange.post(endpoint, loop, sid,
          EngineIoCodec.encodePayload(
              Collections.singletonList(EngineIoPacket.of(EngineIoPacketType.CLOSE, (String) null))),
          (status, body, failure) -> goodbye.complete(null));
    } else {
      goodbye.complete(null);
    }
  }

  @Override
  protected void release() {
    if (pendingGet != null) {
      pendingGet.cancel();
      pendingGet = null;
    }
    if (pendingPost != null) {
      pendingPost.cancel();
      pendingPost = null;
    }
  }
}
