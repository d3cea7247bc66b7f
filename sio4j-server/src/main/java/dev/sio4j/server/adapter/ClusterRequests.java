package dev.sio4j.server.adapter;

import dev.sio4j.server.adapter.ClusterMessage.Response;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The requests of one {@link ClusterAdapter} waiting for other servers' answers, by request id: each is done when every
 * expected server answered (counted, or named by uid so that a server that leaves stops being waited for), or fails at
 * its timeout. Futures complete on the adapter's callback executor. Thread-safe.
 */
final class ClusterRequests {
  private final Map<String, Pending<?>> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final Supplier<String> ids;
  private final Supplier<Executor> callbacks;
  private volatile boolean closed;

  ClusterRequests(ScheduledExecutorService scheduler, Supplier<String> ids, Supplier<Executor> callbacks) {
    this.scheduler = scheduler;
    this.ids = ids;
    this.callbacks = callbacks;
  }

  /**
   * Registers a request to {@code who}, arms its timeout and publishes {@code message} of its fresh id; completes
   * {@code result} when done.
   */
  <T> void start(Responders who, Function<String, ClusterMessage> message, Answers<T> answers, long timeoutMillis,
      Consumer<ClusterMessage> publish, CompletableFuture<T> result) {
    if (who.isEmpty()) {
      complete(result, answers.result(), null);
      return;
    }
    if (closed) {
      complete(result, null, new CancellationException("adapter closed"));
      return;
    }
    String requestId = ids.get();
    Pending<T> request = new Pending<>(who, answers, result);
    pending.put(requestId, request);
    request.timer = scheduler.schedule(() -> {
      if (pending.remove(requestId, request)) {
        RuntimeException failure;
        synchronized (request) {
          failure = answers.timedOut(1 + request.expected, 1 + request.received);
        }
        complete(result, null, failure);
      }
    }, timeoutMillis, TimeUnit.MILLISECONDS);
    publish.accept(message.apply(requestId));
  }

  /** One server's answer; ignored when no request of this server has its id. */
  void answer(String from, Response response) {
    Pending<?> request = pending.get(response.requestId());
    if (request != null && request.add(from, response)) {
      finish(response.requestId(), request);
    }
  }

  /** Server {@code uid} left: requests it alone held up complete now. */
  void forget(String uid) {
    pending.forEach((id, request) -> {
      if (request.forget(uid)) {
        finish(id, request);
      }
    });
  }

  /** Fails every pending request with a {@link CancellationException}; later requests fail at once. */
  void close() {
    closed = true;
    pending.forEach((id, request) -> {
      if (pending.remove(id, request)) {
        request.cancelTimer();
        request.result.completeExceptionally(new CancellationException("adapter closed"));
      }
    });
  }

  <T> void complete(CompletableFuture<T> future, T value, Throwable error) {
    callbacks.get().execute(() -> {
      if (error != null) {
        future.completeExceptionally(error);
      } else {
        future.complete(value);
      }
    });
  }

  private <T> void finish(String requestId, Pending<T> request) {
    if (!pending.remove(requestId, request)) {
      return;
    }
    request.cancelTimer();
    T value;
    synchronized (request) {
      value = request.answers.result();
    }
    complete(request.result, value, null);
  }

  private static final class Pending<T> {
    final Answers<T> answers;
    final CompletableFuture<T> result;
    final int expected;
    final Set<String> missing; // null: only counted
    int received;
    volatile ScheduledFuture<?> timer;

    Pending(Responders who, Answers<T> answers, CompletableFuture<T> result) {
      this.answers = answers;
      this.result = result;
      this.expected = who.count();
      this.missing = who.uids() == null ? null : new HashSet<>(who.uids());
    }

    /** Merges one server's answer; true when no expected server is left. */
    synchronized boolean add(String from, Response response) {
      answers.add(response);
      received++;
      if (missing == null) {
        return received >= expected;
      }
      missing.remove(from);
      return missing.isEmpty();
    }

    /** Stops waiting for {@code uid}; true when it was the last one waited for. */
    synchronized boolean forget(String uid) {
      return missing != null && missing.remove(uid) && missing.isEmpty();
    }

    void cancelTimer() {
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
    }
  }
}
