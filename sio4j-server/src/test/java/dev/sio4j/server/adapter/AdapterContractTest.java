package dev.sio4j.server.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.Socket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Adapter} must do for the sockets of its own server; each adapter's test extends it. The namespace
 * and its sockets are recording doubles: the adapter is the unit under test.
 */
abstract class AdapterContractTest {
  /** The adapter under test, over {@code namespace}. */
  abstract Adapter create(AdapterNamespace namespace);

  final class RecordingSocket implements LocalSocket {
    final String id;
    // written by the broker's thread when a shared recovery store gives the offset after publishing
    final List<List<EngineIoPacket>> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<Long, Consumer<Arguments>> acks = new HashMap<>();
    final List<String> offsets = new java.util.concurrent.CopyOnWriteArrayList<>();

    RecordingSocket(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Socket socket() {
      throw new UnsupportedOperationException("not needed by the adapter contract");
    }

    @Override
    public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options) {
      delivered.add(packets);
      return true;
    }

    @Override
    public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options, String offset) {
      offsets.add(offset);
      return deliver(packets, options);
    }

    @Override
    public void expectAck(long ackId, Consumer<Arguments> ack) {
      acks.put(ackId, ack);
    }
  }

  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final SocketIoEncoder encoder = new SocketIoEncoder(mapper);
  private final Map<String, RecordingSocket> sockets = new HashMap<>();
  private final AtomicInteger encodings = new AtomicInteger();
  private Adapter adapter;
  private final java.util.concurrent.ScheduledExecutorService scheduler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

  // what a test's adapters need closed after it, the last registered first
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  /** Inits {@code adapter}, to be closed after the test: what {@link #create} gives of an adapter with a life cycle. */
  final Adapter started(Adapter adapter) {
    adapter.init();
    closeAfter(adapter::close);
    return adapter;
  }

  /** Closes {@code resource} after the test, after whatever is registered later (an adapter before its broker). */
  final <T extends AutoCloseable> T closeAfter(T resource) {
    toClose.push(resource);
    return resource;
  }

  @org.junit.jupiter.api.AfterEach
  void stopScheduler() throws Exception {
    while (!toClose.isEmpty()) {
      toClose.pop().close();
    }
    scheduler.shutdownNow();
  }

  @BeforeEach
  void setUp() {
    adapter = create(namespace(null));
    for (String id : List.of("a", "b", "c")) {
      sockets.put(id, new RecordingSocket(id));
      adapter.addAll(id, Set.of(id));
    }
    adapter.addAll("a", Set.of("red", "blue"));
    adapter.addAll("b", Set.of("red"));
  }

  /** The recording namespace, with connection state recovery when {@code recovery} is not null. */
  private AdapterNamespace namespace(ConnectionStateRecovery recovery) {
    AtomicLong ids = new AtomicLong();
    return new AdapterNamespace() {
      @Override
      public Optional<ConnectionStateRecovery> connectionStateRecovery() {
        return Optional.ofNullable(recovery);
      }

      @Override
      public String name() {
        return "/";
      }

      @Override
      public LocalSocket socket(String id) {
        return sockets.get(id);
      }

      @Override
      public SocketIoEncoder encoder() {
        encodings.incrementAndGet();
        return encoder;
      }

      @Override
      public ObjectMapper mapper() {
        return mapper;
      }

      @Override
      public java.util.concurrent.ScheduledExecutorService scheduler() {
        return scheduler;
      }

      @Override
      public String newId() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
      }

      @Override
      public long nextAckId() {
        return ids.getAndIncrement();
      }

      @Override
      public void receiveServerSideEmit(String event, Arguments args) {}

      @Override
      public void receiveServerSideEmit(String event, Arguments args,
          java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> ack) {}
    };
  }

  private static BroadcastOptions to(Set<String> rooms, Set<String> except) {
    return new BroadcastOptions(rooms, except, false, true, false, 0);
  }

  private SocketIoPacket event() {
    return SocketIoPacket.event("/", JsonNodeFactory.instance.arrayNode().add("e"), SocketIoPacket.NO_ACK);
  }

  @Test
  void roomsAreKeptPerSocketAndPerRoom() {
    assertEquals(Set.of("a", "red", "blue"), adapter.socketRooms("a"));
    assertEquals(Set.of("a", "b"), adapter.sockets(Set.of("red")));
    assertEquals(Set.of("a", "b", "c"), adapter.sockets(Set.of()));
    adapter.del("a", "red");
    assertEquals(Set.of("b"), adapter.sockets(Set.of("red")));
    adapter.delAll("b");
    assertTrue(!adapter.rooms().contains("red"));
    assertEquals(Set.of(), adapter.socketRooms("b"));
  }

  @Test
  void roomsGrowAndShrinkThroughAnySize() {
    // a room and a socket's rooms pass from a few entries to many and back (the in-memory adapter changes how it
    // holds them on the way)
    for (int i = 0; i < 40; i++) {
      sockets.put("m" + i, new RecordingSocket("m" + i));
    }
    for (int i = 0; i < 40; i++) {
      adapter.addAll("m" + i, Set.of("big"));
      adapter.addAll("c", Set.of("r" + i));
    }
    assertEquals(40, adapter.sockets(Set.of("big")).size());
    assertEquals(41, adapter.socketRooms("c").size());
    for (int i = 0; i < 40; i++) {
      adapter.del("m" + i, "big");
      adapter.del("c", "r" + i);
      assertEquals(39 - i, adapter.sockets(Set.of("big")).size());
    }
    assertTrue(!adapter.rooms().contains("big"));
    assertEquals(Set.of("c"), adapter.socketRooms("c"));
    adapter.addAll("a", Set.of("a"));
    assertEquals(Set.of("a", "red", "blue"), adapter.socketRooms("a"), "joining a room twice changes nothing");
  }

  @Test
  void concurrentJoinsAndLeavesOfOneRoomKeepBothIndexesInStep() throws Exception {
    int threads = 4;
    int perThread = 500;
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        sockets.put("s" + t + "-" + i, new RecordingSocket("s" + t + "-" + i));
      }
    }
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            String id = "s" + thread + "-" + i;
            adapter.addAll(id, Set.of(id, "hall"));
            if (i % 2 == 1) {
              adapter.del(id, "hall");
            }
            if (i % 3 == 2) {
              adapter.delAll(id);
            }
          }
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> expected = new java.util.HashSet<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        if (i % 2 == 0 && i % 3 != 2) {
          expected.add("s" + t + "-" + i);
        }
      }
    }
    assertEquals(expected, adapter.sockets(Set.of("hall")));
    for (String id : expected) {
      assertEquals(Set.of(id, "hall"), adapter.socketRooms(id));
    }
  }

  @Test
  void broadcastEncodesOnceAndSharesThePackets() {
    encodings.set(0);
    adapter.broadcast(event(), to(Set.of("red", "blue"), Set.of()));
    RecordingSocket a = sockets.get("a");
    RecordingSocket b = sockets.get("b");
    assertEquals(1, a.delivered.size());
    assertSame(a.delivered.get(0), b.delivered.get(0));
    assertTrue(sockets.get("c").delivered.isEmpty());
    assertTrue(encodings.get() <= 1);
  }

  @Test
  void exceptLeavesOutTheSocketsOfTheExceptedRooms() {
    adapter.broadcast(event(), to(Set.of(), Set.of("blue")));
    assertTrue(sockets.get("a").delivered.isEmpty());
    assertEquals(1, sockets.get("b").delivered.size());
    assertEquals(1, sockets.get("c").delivered.size());
  }

  @Test
  void broadcastToNobodyDeliversNothing() {
    adapter.broadcast(event(), to(Set.of("empty"), Set.of()));
    sockets.values().forEach(s -> assertTrue(s.delivered.isEmpty()));
  }

  @Test
  void broadcastWithAckCountsTheClientsAndRegistersOneAckIdEach() {
    int[] count = {-1};
    adapter.broadcastWithAck(event(), to(Set.of("red"), Set.of()), n -> count[0] = n, args -> {});
    assertEquals(2, count[0]);
    assertEquals(sockets.get("a").acks.keySet(), sockets.get("b").acks.keySet());
    assertEquals(1, sockets.get("a").acks.size());
    String text = sockets.get("a").delivered.get(0).get(0).text();
    assertTrue(text.matches("2\\d+\\[\"e\"]"), text);
  }

  @Test
  void socketOperationsApplyToTheTargets() {
    adapter.addSockets(to(Set.of("red"), Set.of()), Set.of("green"));
    assertEquals(Set.of("a", "b"), adapter.sockets(Set.of("green")));
    adapter.delSockets(to(Set.of(), Set.of("blue")), Set.of("green"));
    assertEquals(Set.of("a"), adapter.sockets(Set.of("green")));
  }

  /**
   * Waits until {@code socket} got {@code count} packets: an adapter whose recovery store is shared by the cluster
   * delivers a kept packet once the store gave its offset, after the broadcast call returned.
   */
  private static void awaitDelivery(RecordingSocket socket, int count) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (socket.delivered.size() < count && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
    assertEquals(count, socket.delivered.size(), "packets delivered to " + socket.id);
  }

  @Test
  void recoveryKeepsOffsetsSessionsAndTheMissedPackets() {
    Adapter kept = create(namespace(ConnectionStateRecovery.defaults()));
    kept.init();
    kept.addAll("a", Set.of("a", "red"));
    kept.addAll("b", Set.of("b"));
    RecordingSocket a = sockets.get("a");
    kept.broadcast(event(), to(Set.of("red"), Set.of()));
    awaitDelivery(a, 1);
    String offset = a.offsets.get(0);
    assertTrue(offset != null && a.delivered.get(0).get(0).text().endsWith(",\"" + offset + "\"]"),
        a.delivered.get(0).get(0).text());

    kept.persistSession(new SessionState("a", "pa", kept.socketRooms("a"), Map.of("k", "v")));
    kept.delAll("a");
    kept.broadcast(event(), to(Set.of("red"), Set.of()));
    kept.broadcast(event(), to(Set.of(), Set.of("red")));
    kept.broadcast(event(), new BroadcastOptions(Set.of(), Set.of(), true, true, false, 0));
    kept.broadcastWithAck(event(), to(Set.of(), Set.of()), count -> { }, reply -> { });
    kept.broadcast(SocketIoPacket.event("/", JsonNodeFactory.instance.arrayNode().add("last").add(1),
        SocketIoPacket.NO_ACK), to(Set.of(), Set.of()));

    RestoredSession session = kept.restoreSession("pa", offset).join();
    assertEquals(new SessionState("a", "pa", Set.of("a", "red"), Map.of("k", "v")), session.state());
    assertEquals(2, session.missedPackets().size(), session.missedPackets().toString());
    assertEquals("e", session.missedPackets().get(0).get(0).asText());
    assertEquals("last", session.missedPackets().get(1).get(0).asText());
    assertEquals(3, session.missedPackets().get(1).size());
    assertEquals(null, kept.restoreSession("pa", "unknown offset").join());
    assertEquals(null, kept.restoreSession("unknown pid", offset).join());
    // without recovery: nothing kept, no offset
    adapter.persistSession(new SessionState("c", "pc", Set.of("c"), Map.of()));
    assertEquals(null, adapter.restoreSession("pc", offset).join());
    kept.close();
    assertEquals(null, kept.restoreSession("pa", offset).join(), "closed: nothing kept");
  }
}
