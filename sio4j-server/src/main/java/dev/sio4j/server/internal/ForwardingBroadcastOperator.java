package dev.sio4j.server.internal;

import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.RemoteSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link BroadcastOperator} that hands every call to another one: a namespace (or a family of dynamic namespaces)
 * is itself the operator that targets all of its sockets.
 */
interface ForwardingBroadcastOperator extends BroadcastOperator {

  /** The operator that receives every call. */
  BroadcastOperator forwardTo();

  @Override
  default BroadcastOperator to(String... rooms) {
    return forwardTo().to(rooms);
  }

  @Override
  default BroadcastOperator except(String... rooms) {
    return forwardTo().except(rooms);
  }

  @Override
  default BroadcastOperator local() {
    return forwardTo().local();
  }

  @Override
  default BroadcastOperator asVolatile() {
    return forwardTo().asVolatile();
  }

  @Override
  default BroadcastOperator latest(String key) {
    return forwardTo().latest(key);
  }

  @Override
  default BroadcastOperator compress(boolean compress) {
    return forwardTo().compress(compress);
  }

  @Override
  default BroadcastOperator timeout(Duration timeout) {
    return forwardTo().timeout(timeout);
  }

  @Override
  default boolean emit(String event, Object... args) {
    return forwardTo().emit(event, args);
  }

  @Override
  default CompletableFuture<List<Arguments>> emitWithAck(String event, Object... args) {
    return forwardTo().emitWithAck(event, args);
  }

  @Override
  default CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return forwardTo().fetchSockets();
  }

  @Override
  default void socketsJoin(String... rooms) {
    forwardTo().socketsJoin(rooms);
  }

  @Override
  default void socketsLeave(String... rooms) {
    forwardTo().socketsLeave(rooms);
  }

  @Override
  default void disconnectSockets(boolean close) {
    forwardTo().disconnectSockets(close);
  }
}
