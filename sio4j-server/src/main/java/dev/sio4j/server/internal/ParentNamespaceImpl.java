package dev.sio4j.server.internal;

import dev.sio4j.server.AnyListener;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.ConnectionListener;
import dev.sio4j.server.Middleware;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.SlowConsumerPolicy;
import dev.sio4j.server.ServerSideEventListener;
import dev.sio4j.server.Socket;
import dev.sio4j.server.adapter.Adapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A dynamic namespace ({@code io.of(Pattern)} / {@code io.of(Predicate)}): creates a child namespace for each name its
 * matcher accepts. Its connection listeners and middlewares apply to every child, including those added after the
 * child was created; its broadcasts reach every child.
 */
final class ParentNamespaceImpl implements Namespace, ForwardingBroadcastOperator {
  private final ServerCore server;
  private final Predicate<String> matcher;
  private final String name;
  private final List<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
  private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
  private final List<NamespaceImpl> children = new CopyOnWriteArrayList<>();
  // null: the server's; children without their own read it at each full buffer
  private volatile SlowConsumerPolicy slowConsumerPolicy;
  private final Map<String, Socket> noSockets = new ConcurrentHashMap<>();
  private final BroadcastOperatorImpl all;

  ParentNamespaceImpl(ServerCore server, Predicate<String> matcher) {
    this.server = server;
    this.matcher = matcher;
    this.name = "/_" + server.newId();
    this.all = new BroadcastOperatorImpl(server, children);
  }

  boolean matches(String namespace) {
    return matcher.test(namespace);
  }

  NamespaceImpl createChild(String childName) {
    NamespaceImpl child = new NamespaceImpl(server, childName, this);
    children.add(child);
    return child;
  }

  void removeChild(NamespaceImpl child) {
    children.remove(child);
  }

  /** The children created so far. */
  List<NamespaceImpl> children() {
    return Collections.unmodifiableList(children);
  }

  List<ConnectionListener> connectionListeners() {
    return connectionListeners;
  }

  List<Middleware> middlewares() {
    return middlewares;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Namespace slowConsumerPolicy(SlowConsumerPolicy policy) {
    this.slowConsumerPolicy = java.util.Objects.requireNonNull(policy, "policy");
    return this;
  }

  @Override
  public SlowConsumerPolicy slowConsumerPolicy() {
    SlowConsumerPolicy policy = slowConsumerPolicy;
    return policy != null ? policy : server.options.slowConsumerPolicy();
  }

  @Override
  public Namespace onConnection(ConnectionListener listener) {
    connectionListeners.add(listener);
    return this;
  }

  @Override
  public Namespace use(Middleware middleware) {
    middlewares.add(middleware);
    return this;
  }

  /** A parent has no sockets of its own (its children do). */
  @Override
  public Map<String, Socket> sockets() {
    return Collections.unmodifiableMap(noSockets);
  }

  /** A parent has no adapter of its own (as the reference, its children do). */
  @Override
  public Adapter adapter() {
    throw new UnsupportedOperationException("a parent namespace has no adapter; use a child's");
  }

  @Override
  public void serverSideEmit(String event, Object... args) {
    for (NamespaceImpl child : children) {
      child.serverSideEmit(event, args);
    }
  }

  /** Asks through every child namespace; completes with all their answers. */
  @Override
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
    List<CompletableFuture<List<Arguments>>> asked = new ArrayList<>();
    for (NamespaceImpl child : children) {
      asked.add(child.serverSideEmitWithAck(timeout, event, args));
    }
    return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Arguments> answers = new ArrayList<>();
      asked.forEach(f -> answers.addAll(f.join()));
      return answers;
    });
  }

  @Override
  public Namespace onServerSideEmit(AnyListener listener) {
    throw new UnsupportedOperationException("listen on a child namespace");
  }

  @Override
  public Namespace onServerSideEvent(ServerSideEventListener listener) {
    throw new UnsupportedOperationException("listen on a child namespace");
  }

  @Override
  public BroadcastOperator forwardTo() {
    return all;
  }
}
