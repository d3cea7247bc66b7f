package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.RemoteSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of a single server: rooms in memory ({@code room → socket ids} and {@code socket id → rooms}, both
 * concurrent hash maps, so lookups take constant time), broadcasts encoded once and the same Engine.IO packets handed
 * to every recipient. A broadcast that targets nobody returns before encoding. Cluster adapters extend it and add the
 * traffic between servers. Thread-safe.
 */
public class InMemoryAdapter implements Adapter {
  /** The namespace served. */
  protected final AdapterNamespace namespace;
  private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();

  /** An adapter for {@code namespace}. */
  public InMemoryAdapter(AdapterNamespace namespace) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  @Override
  public void addAll(String id, Set<String> roomNames) {
    Set<String> own = sids.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
    for (String room : roomNames) {
      own.add(room);
      rooms.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(id);
    }
  }

  @Override
  public void del(String id, String room) {
    Set<String> own = sids.get(id);
    if (own != null) {
      own.remove(room);
    }
    removeFromRoom(room, id);
  }

  @Override
  public void delAll(String id) {
    Set<String> own = sids.remove(id);
    if (own != null) {
      for (String room : own) {
        removeFromRoom(room, id);
      }
    }
  }

  private void removeFromRoom(String room, String id) {
    // drop the room when it empties, atomically with respect to concurrent joins
    rooms.computeIfPresent(room, (name, members) -> {
      members.remove(id);
      return members.isEmpty() ? null : members;
    });
  }

  @Override
  public Set<String> socketRooms(String id) {
    Set<String> own = sids.get(id);
    return own == null ? Set.of() : Set.copyOf(own);
  }

  @Override
  public Set<String> sockets(Set<String> roomNames) {
    Set<String> ids = new HashSet<>();
    forEachTarget(new BroadcastOptions(roomNames, Set.of(), false, true, true, 0), s -> ids.add(s.id()));
    return ids;
  }

  @Override
  public Set<String> rooms() {
    return Collections.unmodifiableSet(rooms.keySet());
  }

  @Override
  public void broadcast(SocketIoPacket packet, BroadcastOptions options) {
    Encoded encoded = new Encoded(packet);
    forEachTarget(options, socket -> socket.deliver(encoded.get(), options));
  }

  @Override
  public void broadcastWithAck(SocketIoPacket packet, BroadcastOptions options, IntConsumer clientCount,
      Consumer<Arguments> ack) {
    long ackId = namespace.nextAckId();
    SocketIoPacket withId = new SocketIoPacket(packet.type(), packet.namespace(), ackId, packet.data());
    Encoded encoded = new Encoded(withId);
    int[] count = {0};
    forEachTarget(options, socket -> {
      socket.expectAck(ackId, ack);
      if (socket.deliver(encoded.get(), options)) {
        count[0]++;
      }
    });
    clientCount.accept(count[0]);
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets(BroadcastOptions options) {
    List<RemoteSocket> sockets = new ArrayList<>();
    forEachTarget(options, s -> sockets.add(s.socket()));
    return CompletableFuture.completedFuture(sockets);
  }

  @Override
  public void addSockets(BroadcastOptions options, Set<String> roomNames) {
    forEachTarget(options, s -> addAll(s.id(), roomNames));
  }

  @Override
  public void delSockets(BroadcastOptions options, Set<String> roomNames) {
    forEachTarget(options, s -> roomNames.forEach(room -> del(s.id(), room)));
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    List<LocalSocket> targets = new ArrayList<>();
    forEachTarget(options, targets::add);
    targets.forEach(s -> s.socket().disconnect(close));
  }

  @Override
  public void serverSideEmit(List<JsonNode> packet) {
    // a single server: nobody else to tell (the reference's in-memory adapter has no other server either)
  }

  /**
   * Calls {@code action} once for each local connected socket targeted by {@code options}: the union of the rooms (or
   * every socket) minus the sockets of the excepted rooms.
   */
  protected void forEachTarget(BroadcastOptions options, Consumer<LocalSocket> action) {
    Set<String> except = exceptIds(options.except());
    if (options.rooms().isEmpty()) {
      for (String id : sids.keySet()) {
        visit(id, except, action);
      }
      return;
    }
    Set<String> seen = options.rooms().size() > 1 ? new HashSet<>() : null;
    for (String room : options.rooms()) {
      Set<String> members = rooms.get(room);
      if (members == null) {
        continue;
      }
      for (String id : members) {
        if (seen == null || seen.add(id)) {
          visit(id, except, action);
        }
      }
    }
  }

  private void visit(String id, Set<String> except, Consumer<LocalSocket> action) {
    if (except.contains(id)) {
      return;
    }
    LocalSocket socket = namespace.socket(id);
    if (socket != null) {
      action.accept(socket);
    }
  }

  private Set<String> exceptIds(Set<String> exceptRooms) {
    if (exceptRooms.isEmpty()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (String room : exceptRooms) {
      Set<String> members = rooms.get(room);
      if (members != null) {
        ids.addAll(members);
      }
    }
    return ids;
  }

  /** A packet encoded on first use: a broadcast that reaches nobody is never encoded, one that does is encoded once. */
  private final class Encoded {
    private final SocketIoPacket packet;
    private List<EngineIoPacket> packets;

    Encoded(SocketIoPacket packet) {
      this.packet = packet;
    }

    List<EngineIoPacket> get() {
      if (packets == null) {
        packets = namespace.encoder().encode(packet);
      }
      return packets;
    }
  }
}
