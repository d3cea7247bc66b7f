package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastAck;
import dev.sio4j.server.adapter.ClusterMessage.BroadcastClientCount;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The broadcasts with acknowledgements this server sent to the cluster, by request id: where each other server's
 * client count and each remote client's acknowledgement go. As the reference, there is no way to know when every
 * remote client answered, so a request is forgotten after its timeout. Thread-safe.
 */
final class ClusterAcks {
  private record Pending(IntConsumer clientCount, Consumer<Arguments> ack) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  /** Expects the answers to broadcast {@code requestId} for {@code keepMillis}. */
  void expect(String requestId, IntConsumer clientCount, Consumer<Arguments> ack, long keepMillis,
      ScheduledExecutorService scheduler) {
    pending.put(requestId, new Pending(clientCount, ack));
    scheduler.schedule(() -> pending.remove(requestId), keepMillis, TimeUnit.MILLISECONDS);
  }

  /** Whether {@code requestId} is one of this server's own broadcasts (coming back from the broker). */
  boolean isOwn(String requestId) {
    return pending.containsKey(requestId);
  }

  /**
   * Hands a client count or an acknowledgement to its broadcast, on {@code callbacks}; returns false for any other
   * response.
   */
  boolean answer(Response response, Executor callbacks, ObjectMapper mapper) {
    if (response instanceof BroadcastClientCount c) {
      Pending p = pending.get(c.requestId());
      if (p != null) {
        callbacks.execute(() -> p.clientCount.accept(c.clientCount()));
      }
      return true;
    }
    if (response instanceof BroadcastAck a) {
      Pending p = pending.get(a.requestId());
      if (p != null) {
        Arguments args = new Arguments(a.packet() == null ? List.of() : List.of(a.packet()), mapper);
        callbacks.execute(() -> p.ack.accept(args));
      }
      return true;
    }
    return false;
  }

  void clear() {
    pending.clear();
  }
}
