package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of a single server: rooms in memory ({@code room → socket ids} and {@code socket id → rooms}, both
 * concurrent hash maps, so lookups take constant time), broadcasts encoded once and the same Engine.IO packets handed
 * to every recipient. A broadcast that targets nobody returns before encoding. Cluster adapters extend it and add the
 * traffic between servers. Thread-safe.
 *
 * <p>Single server semantics, as the reference's in-memory adapter: every socket is local, so the {@code local} flag
 * ({@link BroadcastOptions#local()}, {@code BroadcastOperator.local()}) changes nothing here; it matters to cluster
 * adapters, which then skip the other servers. {@link #serverSideEmit} has no other server to reach and does nothing
 * (this server's own listeners never receive their own server-side emits, in a cluster either), and
 * {@link #serverCount()} is 1.
 *
 * <p>Connection state recovery (when the server's {@code connectionStateRecovery} option is on, as the reference's
 * {@code SessionAwareAdapter}): each broadcast EVENT that is neither volatile nor waiting for acks gets an offset
 * appended as its last argument and is kept, with the sessions of sockets that left for a recoverable reason, for
 * {@code maxDisconnectionDuration} (packets also bounded by {@code maxPackets}). Kept packets are then delivered one
 * broadcast at a time, so every socket sees them in offset order. {@link #close()} forgets everything kept.
 */
public class InMemoryAdapter implements Adapter {
  private static final Logger log = LoggerFactory.getLogger(InMemoryAdapter.class);
  /** The namespace served. */
  protected final AdapterNamespace namespace;
  private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> sids = new ConcurrentHashMap<>();
  private final RecoveryStore recovery;
  private final AtomicBoolean warnedServerSideEmit = new AtomicBoolean();
  private volatile ScheduledFuture<?> pruning;
  private final List<RoomListener> roomListeners = new CopyOnWriteArrayList<>();
  private final List<BroadcastListener> broadcastListeners = new CopyOnWriteArrayList<>();

  /** An adapter for {@code namespace}. */
  public InMemoryAdapter(AdapterNamespace namespace) {
    this(namespace, true);
  }

  /**
   * An adapter for {@code namespace} that keeps the packets and sessions for connection state recovery in memory when
   * {@code keepsRecoveryState} (and recovery is on); a subclass whose store is shared by the cluster passes false,
   * implements {@link #persistSession} and {@link #restoreSession}, and delivers broadcasts with the offsets its store
   * gives ({@link #broadcastWithOffset}).
   */
  protected InMemoryAdapter(AdapterNamespace namespace, boolean keepsRecoveryState) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.recovery = keepsRecoveryState
        ? namespace.connectionStateRecovery().map(o -> new RecoveryStore(namespace, o)).orElse(null) : null;
  }

  @Override
  public void init() {
    if (recovery != null) {
      // as the reference's SessionAwareAdapter, which prunes every minute: an idle namespace frees its kept state too
      long period = Math.min(60_000, namespace.connectionStateRecovery().get().maxDisconnectionDuration().toMillis());
      pruning = namespace.scheduler().scheduleAtFixedRate(recovery::prune, period, period, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    if (recovery != null) {
      if (pruning != null) {
        pruning.cancel(false);
      }
      recovery.clear();
    }
  }

  @Override
  public void persistSession(SessionState session) {
    if (recovery != null) {
      recovery.persist(session);
    }
  }

  @Override
  public CompletableFuture<RestoredSession> restoreSession(String pid, String offset) {
    return CompletableFuture.completedFuture(recovery == null ? null : recovery.restore(pid, offset));
  }

  @Override
  public void addAll(String id, Set<String> roomNames) {
    for (String room : roomNames) {
      sids.compute(id, (k, own) -> MemberSets.plus(own, room));
      joinRoom(room, id);
    }
    if (roomNames.isEmpty()) {
      sids.putIfAbsent(id, Set.of());
    }
  }

  // atomic with respect to a concurrent leave dropping the emptied room; tells a subclass when the room is new
  private void joinRoom(String room, String id) {
    boolean[] created = {false};
    boolean[] joined = {false};
    rooms.compute(room, (name, members) -> {
      created[0] = members == null;
      joined[0] = members == null || !members.contains(id);
      return MemberSets.plus(members, id);
    });
    if (created[0]) {
      onRoomCreated(room);
      tell(RoomEvent.Type.CREATE, room, null);
    }
    if (joined[0]) {
      tell(RoomEvent.Type.JOIN, room, id);
    }
  }

  @Override
  public void onRoomEvent(RoomListener listener) {
    roomListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void tell(RoomEvent.Type type, String room, String id) {
    if (roomListeners.isEmpty()) {
      return;
    }
    RoomEvent event = new RoomEvent(type, room, id);
    for (RoomListener listener : roomListeners) {
      try {
        listener.onRoomEvent(event);
      } catch (RuntimeException e) {
        log.error("room listener failed on {}", event, e);
      }
    }
  }

  /**
   * {@code room} got its first member (the reference's {@code create-room} event): a cluster adapter may subscribe to
   * the room's own channel. Called on the joining thread, after the fact; hooks of one room may run concurrently, so
   * act on the current state ({@link #rooms()}), not on the order of calls. The default does nothing.
   */
  protected void onRoomCreated(String room) {}

  /** {@code room} lost its last member (the reference's {@code delete-room} event); as {@link #onRoomCreated}. */
  protected void onRoomDeleted(String room) {}

  /** Whether {@code id} is a local socket's id (its own room is then private, not one the application named). */
  protected final boolean isSocketId(String id) {
    return sids.containsKey(id);
  }

  @Override
  public void del(String id, String room) {
    sids.computeIfPresent(id, (k, own) -> MemberSets.minus(own, room));
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
    boolean[] deleted = {false};
    boolean[] left = {false};
    rooms.computeIfPresent(room, (name, members) -> {
      left[0] = members.contains(id);
      Set<String> rest = MemberSets.minus(members, id);
      deleted[0] = rest.isEmpty();
      return deleted[0] ? null : rest;
    });
    if (left[0]) {
      tell(RoomEvent.Type.LEAVE, room, id);
    }
    if (deleted[0]) {
      onRoomDeleted(room);
      tell(RoomEvent.Type.DELETE, room, null);
    }
  }

  @Override
  public Set<String> socketRooms(String id) {
    Set<String> own = sids.get(id);
    return own == null ? Set.of() : Set.copyOf(own); // a copy of a small set is that set
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
    if (recovery != null && isRecoverable(packet, options)) {
      broadcastKept(packet, options);
      return;
    }
    deliverPlain(packet, options);
  }

  /**
   * Whether connection state recovery keeps {@code packet} (reference {@code addOffsetIfNecessary}): an EVENT that is
   * neither volatile (losing it is allowed) nor waiting for acks (the ack callback cannot be restored elsewhere).
   */
  protected static boolean isRecoverable(SocketIoPacket packet, BroadcastOptions options) {
    return (packet.type() == SocketIoPacketType.EVENT || packet.type() == SocketIoPacketType.BINARY_EVENT)
        && packet.ackId() == SocketIoPacket.NO_ACK && !options.volatileFlag() && packet.data() instanceof ArrayNode;
  }

  /**
   * Delivers {@code packet} to the local targets with {@code offset} (given by a store shared by the cluster, e.g. a
   * stream entry id) appended as the last argument, when recovery is on and the packet {@link #isRecoverable}; else as
   * {@link #broadcast} without a store. A {@code null} offset (the store failed) delivers the packet unchanged.
   */
  protected final void broadcastWithOffset(SocketIoPacket packet, BroadcastOptions options, String offset) {
    if (offset == null || namespace.connectionStateRecovery().isEmpty() || !isRecoverable(packet, options)) {
      deliverPlain(packet, options);
      return;
    }
    ArrayNode data = ((ArrayNode) packet.data()).deepCopy();
    data.add(offset);
    SocketIoPacket withOffset = new SocketIoPacket(packet.type(), packet.namespace(), packet.ackId(), data);
    Encoded encoded = new Encoded(withOffset);
    forEachTarget(options, socket -> {
      if (replayedAlready(socket.id(), offset)) {
        return;
      }
      socket.notifyOutgoing(withOffset);
      socket.deliver(encoded.get(), options, offset);
    });
  }

  /**
   * Whether socket {@code socketId}, just recovered, got the packet at {@code offset} in its replay already: a shared
   * store's replay may run ahead of this server's live feed (a log read with some lag), so a live packet may come after
   * the replay that carried it. The default says no.
   */
  protected boolean replayedAlready(String socketId, String offset) {
    return false;
  }

  private void deliverPlain(SocketIoPacket packet, BroadcastOptions options) {
    Encoded encoded = new Encoded(packet);
    int[] count = {0};
    forEachTarget(options, socket -> {
      socket.notifyOutgoing(packet);
      if (socket.deliver(encoded.get(), options)) {
        count[0]++;
      }
    });
    broadcasted(packet, options, count[0]);
  }

  @Override
  public void onBroadcast(BroadcastListener listener) {
    broadcastListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  private void broadcasted(SocketIoPacket packet, BroadcastOptions options, int recipients) {
    for (BroadcastListener listener : broadcastListeners) {
      try {
        listener.onBroadcast(packet, options, recipients);
      } catch (RuntimeException e) {
        log.error("broadcast listener failed", e);
      }
    }
  }

  /**
   * A packet kept for recovery: the offset goes last in its data, so the client knows the last packet it processed
   * (reference {@code SessionAwareAdapter.broadcast}; an old client just sees one more argument). Packets waiting for
   * acks are not kept (the ack callback cannot be restored), nor volatile ones (losing them is allowed).
   */
  private void broadcastKept(SocketIoPacket packet, BroadcastOptions options) {
    recovery.lock.lock();
    try {
      ArrayNode data = recovery.keep((ArrayNode) packet.data(), options);
      String offset = data.get(data.size() - 1).asText();
      SocketIoPacket withOffset = new SocketIoPacket(packet.type(), packet.namespace(), packet.ackId(), data);
      Encoded encoded = new Encoded(withOffset);
      int[] count = {0};
      forEachTarget(options, socket -> {
        socket.notifyOutgoing(withOffset);
        if (socket.deliver(encoded.get(), options, offset)) {
          count[0]++;
        }
      });
      broadcasted(withOffset, options, count[0]);
    } finally {
      recovery.lock.unlock();
    }
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
      socket.notifyOutgoing(withId);
      if (socket.deliver(encoded.get(), options)) {
        count[0]++;
      }
    });
    clientCount.accept(count[0]);
    broadcasted(withId, options, count[0]);
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
    // A single server: nobody else to tell, and the emitting server's own listeners are never called, so this is a
    // no-op rather than a local delivery. The reference's in-memory adapter warns on each call; once is enough here.
    if (warnedServerSideEmit.compareAndSet(false, true)) {
      log.warn("serverSideEmit on namespace {}: the in-memory adapter has no other server to reach (event dropped; "
          + "use a cluster adapter)", namespace.name());
    }
  }

  /** No other server to ask: warns as {@link #serverSideEmit} does and completes with no answers. */
  @Override
  public CompletableFuture<List<Arguments>> serverSideEmitWithAck(List<JsonNode> packet, long timeoutMillis) {
    serverSideEmit(packet);
    return CompletableFuture.completedFuture(List.of());
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
