package dev.sio4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * The acknowledgements a socket awaits from the server: ids in emit order, each with its callback and optional
 * timeout (socket.io-protocol: the ack id of an EVENT comes back in the ACK). Confined to the event loop.
 */
final class AckRegistry {
  private static final class Pending {
    final BiConsumer<Throwable, List<JsonNode>> callback;
    ScheduledFuture<?> timer;

    Pending(BiConsumer<Throwable, List<JsonNode>> callback) {
      this.callback = callback;
    }
  }

  private final Manager io;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private int nextId;

  AckRegistry(Manager io) {
    this.io = io;
  }

  /**
   * Registers {@code callback} under a new id. With {@code timeoutMs > 0}, the callback fails with
   * {@link AckTimeoutException} after that delay (JS client: "operation has timed out") and {@code onTimeout} runs.
   */
  int register(BiConsumer<Throwable, List<JsonNode>> callback, long timeoutMs, IntConsumer onTimeout) {
    int id = nextId;
    nextId = nextId == Integer.MAX_VALUE ? 0 : nextId + 1;
    Pending p = new Pending(callback);
    if (timeoutMs > 0) {
      p.timer = io.schedule(() -> {
        if (pending.remove(id) == p) {
          onTimeout.accept(id);
          callback.accept(new AckTimeoutException("operation has timed out"), Collections.emptyList());
        }
      }, timeoutMs);
    }
    pending.put(id, p);
    return id;
  }

  /** The server acknowledged {@code id}; unknown ids (late, or never asked) are ignored. */
  void succeed(long id, List<JsonNode> values) {
    Pending p = id < 0 || id > Integer.MAX_VALUE ? null : pending.remove((int) id);
    if (p != null) {
      cancel(p);
      p.callback.accept(null, values);
    }
  }

  void fail(int id, Throwable error) {
    Pending p = pending.remove(id);
    if (p != null) {
      cancel(p);
      p.callback.accept(error, Collections.emptyList());
    }
  }

  /** Fails every awaited acknowledgement but those of {@code keep} (packets not sent yet). */
  void failAllExcept(Set<Integer> keep, Throwable error) {
    for (Iterator<Map.Entry<Integer, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, Pending> e = it.next();
      if (!keep.contains(e.getKey())) {
        it.remove();
        cancel(e.getValue());
        e.getValue().callback.accept(error, Collections.emptyList());
      }
    }
  }

  private static void cancel(Pending p) {
    if (p.timer != null) {
      p.timer.cancel(false);
    }
  }
}
