package dev.sio4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The JS client's {@code retries}: emits are sent one at a time, each awaiting its acknowledgement within
 * {@code ackTimeout}; an emit not acknowledged in time is sent again, up to {@code retries} more times, then its
 * acknowledgement fails. The queue survives disconnections and resumes on connection. Confined to the event loop.
 */
final class RetryQueue {
  private static final class Entry {
    final String event;
    final List<JsonNode> args;
    final BiConsumer<Throwable, List<JsonNode>> ack;
    final EmitFlags flags;
    int tryCount;
    boolean pending;

    Entry(String event, List<JsonNode> args, BiConsumer<Throwable, List<JsonNode>> ack, EmitFlags flags) {
      this.event = event;
      this.args = args;
      this.ack = ack;
      this.flags = flags;
    }
  }

  private final Socket socket;
  private final int retries;
  // Small at first (ArrayDeque's default holds 16): most connections never queue a retry.
  private final ArrayDeque<Entry> queue = new ArrayDeque<>(2);

  RetryQueue(Socket socket, int retries) {
    this.socket = socket;
    this.retries = retries;
  }

  void add(String event, List<JsonNode> args, BiConsumer<Throwable, List<JsonNode>> ack, EmitFlags flags) {
    queue.add(new Entry(event, args, ack, new EmitFlags(flags.timeoutMs(), false, true)));
    drain(false);
  }

  void drain(boolean force) {
    Entry head = queue.peek();
    if (head == null || !socket.isConnectedOnLoop() || (head.pending && !force)) {
      return;
    }
    head.pending = true;
    head.tryCount++;
    socket.send(head.event, head.args, (error, values) -> {
      if (queue.peek() != head) {
        return; // already acknowledged
      }
      if (error != null) {
        if (head.tryCount > retries) {
          queue.poll();
          if (head.ack != null) {
            head.ack.accept(error, values);
          }
        }
      } else {
        queue.poll();
        if (head.ack != null) {
          head.ack.accept(null, values);
        }
      }
      head.pending = false;
      drain(false);
    }, head.flags);
  }
}
