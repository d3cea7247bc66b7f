package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.adapter.BroadcastOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An immutable target: rooms, excepted rooms and flags over one namespace (or the children of a parent), handing each
 * operation to the namespaces' adapters.
 */
final class BroadcastOperatorImpl implements BroadcastOperator {
  private final ServerCore server;
  private final List<NamespaceImpl> namespaces;
  private final BroadcastOptions options;

  BroadcastOperatorImpl(ServerCore server, List<NamespaceImpl> namespaces) {
    this(server, namespaces, BroadcastOptions.ALL);
  }

  BroadcastOperatorImpl(ServerCore server, List<NamespaceImpl> namespaces, BroadcastOptions options) {
    this.server = server;
    this.namespaces = namespaces;
    this.options = options;
  }

  private BroadcastOperatorImpl with(BroadcastOptions next) {
    return new BroadcastOperatorImpl(server, namespaces, next);
  }

  private static Set<String> plus(Set<String> set, String... more) {
    Set<String> result = new HashSet<>(set);
    for (String s : more) {
      result.add(java.util.Objects.requireNonNull(s, "room"));
    }
    return result;
  }

  @Override
  public BroadcastOperator to(String... rooms) {
    BroadcastOptions o = options;
    return with(new BroadcastOptions(plus(o.rooms(), rooms), o.except(), o.volatileFlag(), o.compress(), o.local(),
        o.timeoutMillis(), o.key()));
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    BroadcastOptions o = options;
    return with(new BroadcastOptions(o.rooms(), plus(o.except(), rooms), o.volatileFlag(), o.compress(), o.local(),
        o.timeoutMillis(), o.key()));
  }

  @Override
  public BroadcastOperator local() {
    BroadcastOptions o = options;
    return with(new BroadcastOptions(o.rooms(), o.except(), o.volatileFlag(), o.compress(), true, o.timeoutMillis(),
        o.key()));
  }

  @Override
  public BroadcastOperator asVolatile() {
    BroadcastOptions o = options;
    return with(new BroadcastOptions(o.rooms(), o.except(), true, o.compress(), o.local(), o.timeoutMillis(),
        o.key()));
  }

  @Override
  public BroadcastOperator latest(String key) {
    BroadcastOptions o = options;
    return with(new BroadcastOptions(o.rooms(), o.except(), o.volatileFlag(), o.compress(), o.local(),
        o.timeoutMillis(), java.util.Objects.requireNonNull(key, "key")));
  }

  @Override
  public BroadcastOperator compress(boolean compress) {
    BroadcastOptions o = options;
    return with(new BroadcastOptions(o.rooms(), o.except(), o.volatileFlag(), compress, o.local(), o.timeoutMillis(),
        o.key()));
  }

  @Override
  public BroadcastOperator timeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    BroadcastOptions o = options;
    return with(new BroadcastOptions(o.rooms(), o.except(), o.volatileFlag(), o.compress(), o.local(),
        timeout.toMillis(), o.key()));
  }

  @Override
  public boolean emit(String event, Object... args) {
    ArrayNode data = Values.eventData(server.mapper, event, args);
    boolean all = true;
    for (NamespaceImpl namespace : namespaces) {
      all &= server.emissions.emitting(namespace.name(), event, () -> {
        namespace.adapter().broadcast(SocketIoPacket.event(namespace.name(), data, SocketIoPacket.NO_ACK), options);
        return true;
      });
    }
    return all;
  }

  @Override
  public CompletableFuture<List<Arguments>> emitWithAck(String event, Object... args) {
    ArrayNode data = Values.eventData(server.mapper, event, args);
    CompletableFuture<List<Arguments>> future = new CompletableFuture<>();
    List<Arguments> responses = new ArrayList<>();
    // as the reference's BroadcastOperator: done once every server reported its client count (one clientCount call
    // per server and namespace) and that many answers came; the server count is asked of the adapters
    int[] expected = {0};
    int[] servers = {0};
    int[] expectedServers = {-1};
    Runnable check = () -> {
      List<Arguments> done = null;
      synchronized (responses) {
        if (expectedServers[0] >= 0 && servers[0] >= expectedServers[0] && responses.size() >= expected[0]) {
          done = List.copyOf(responses);
        }
      }
      if (done != null) {
        future.complete(done);
      }
    };
    List<CompletableFuture<Integer>> counts = new ArrayList<>();
    for (NamespaceImpl namespace : namespaces) {
      server.emissions.emitting(namespace.name(), event, () -> {
        namespace.adapter().broadcastWithAck(SocketIoPacket.event(namespace.name(), data, SocketIoPacket.NO_ACK),
            options,
            count -> {
              synchronized (responses) {
                expected[0] += count;
                servers[0]++;
              }
              check.run();
            },
            reply -> {
              synchronized (responses) {
                responses.add(reply);
              }
              check.run();
            });
        return true;
      });
      counts.add(options.local() ? CompletableFuture.completedFuture(1) : namespace.adapter().serverCountAsync());
    }
    CompletableFuture.allOf(counts.toArray(new CompletableFuture<?>[0])).whenComplete((v, error) -> {
      if (error != null) {
        future.completeExceptionally(error);
        return;
      }
      synchronized (responses) {
        expectedServers[0] = counts.stream().mapToInt(CompletableFuture::join).sum();
      }
      check.run();
    });
    long timeout = options.timeoutMillis();
    if (timeout > 0 && !future.isDone()) {
      var timer = server.scheduler.schedule(() -> {
        List<Arguments> partial;
        synchronized (responses) {
          partial = List.copyOf(responses);
        }
        // completed on a handler thread: what the application chains on it must not hold up the timers
        server.execute(() -> future.completeExceptionally(new AckTimeoutException(timeout, partial)));
      }, timeout, TimeUnit.MILLISECONDS);
      future.whenComplete((r, e) -> timer.cancel(false));
    }
    return future;
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    List<CompletableFuture<List<RemoteSocket>>> parts = new ArrayList<>();
    for (NamespaceImpl namespace : namespaces) {
      parts.add(namespace.adapter().fetchSockets(options));
    }
    return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
      List<RemoteSocket> all = new ArrayList<>();
      parts.forEach(p -> all.addAll(p.join()));
      return all;
    });
  }

  @Override
  public void socketsJoin(String... rooms) {
    Set<String> set = plus(Set.of(), rooms);
    namespaces.forEach(n -> n.adapter().addSockets(options, set));
  }

  @Override
  public void socketsLeave(String... rooms) {
    Set<String> set = plus(Set.of(), rooms);
    namespaces.forEach(n -> n.adapter().delSockets(options, set));
  }

  @Override
  public void disconnectSockets(boolean close) {
    namespaces.forEach(n -> n.adapter().disconnectSockets(options, close));
  }
}
