package dev.sio4j.server.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.Socket;
import dev.sio4j.server.adapter.InMemoryBroker.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The broker-neutral cluster adapter, nodes joined by an {@link InMemoryBroker}: heartbeats count the nodes, a request
 * completes as soon as every live node answered (long before its timeout), times out when a live node stays silent,
 * and stops waiting for a node that closed or went silent past the heartbeat timeout; broadcasts and their
 * acknowledgements cross nodes.
 */
class ClusterAdapterTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final InMemoryBroker broker = new InMemoryBroker();
  private final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    nodes.forEach(Node::close);
    broker.close();
    scheduler.shutdownNow();
  }

  /** A namespace whose server-side listener answers {@code answer} (never when null). */
  private final class TestNamespace implements AdapterNamespace {
    final Map<String, TestSocket> sockets = new ConcurrentHashMap<>();
    final String answer;
    final AtomicLong ackIds = new AtomicLong();
    final ConnectionStateRecovery recovery;

    TestNamespace(String answer) {
      this(answer, null);
    }

    TestNamespace(String answer, ConnectionStateRecovery recovery) {
      this.answer = answer;
      this.recovery = recovery;
    }

    @Override
    public java.util.Optional<ConnectionStateRecovery> connectionStateRecovery() {
      return java.util.Optional.ofNullable(recovery);
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
      return new SocketIoEncoder(mapper);
    }

    @Override
    public ObjectMapper mapper() {
      return mapper;
    }

    @Override
    public long nextAckId() {
      return ackIds.getAndIncrement();
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return scheduler;
    }

    @Override
    public String newId() {
      return UUID.randomUUID().toString().substring(0, 20);
    }

    @Override
    public void receiveServerSideEmit(String event, Arguments args) {}

    @Override
    public void receiveServerSideEmit(String event, Arguments args, Consumer<JsonNode> ack) {
      if (answer != null) {
        ack.accept(TextNode.valueOf(answer));
      }
    }
  }

  private static final class TestSocket implements LocalSocket {
    final String id;
    final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
    final Map<Long, Consumer<Arguments>> acks = new ConcurrentHashMap<>();

    TestSocket(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Socket socket() {
      throw new UnsupportedOperationException("not needed here");
    }

    @Override
    public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions options) {
      delivered.add(packets.get(0).text());
      return true;
    }

    @Override
    public void expectAck(long ackId, Consumer<Arguments> ack) {
      acks.put(ackId, ack);
    }
  }

  private Node node(String answer, ClusterAdapterOptions options) {
    Node node = broker.node(new TestNamespace(answer), options);
    nodes.add(node);
    node.init();
    return node;
  }

  private static TestSocket socket(Node node, String id, String... rooms) {
    TestSocket socket = new TestSocket(id);
    ((TestNamespace) node.namespace).sockets.put(id, socket);
    node.addAll(id, Set.of(id));
    node.addAll(id, Set.of(rooms));
    return socket;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(10);
    }
  }

  private static void awaitCluster(int size, Node... nodes) throws InterruptedException {
    for (Node node : nodes) {
      await(() -> node.serverCount() == size, "a node did not count " + size + " servers: " + node.serverCount());
    }
  }

  private static Set<String> values(List<Arguments> answers) {
    return answers.stream().map(a -> a.get(0, String.class)).collect(Collectors.toSet());
  }

  private static List<JsonNode> ask() {
    return List.of(TextNode.valueOf("ask"));
  }

  private static ClusterAdapterOptions options(Duration requestsTimeout) {
    return ClusterAdapterOptions.builder().requestsTimeout(requestsTimeout).build();
  }

  @Test
  void heartbeatsCountTheNodesAndAClosedNodeIsForgottenAtOnce() throws Exception {
    Node a = node("A", options(LONG));
    Node b = node("B", options(LONG));
    Node c = node("C", options(LONG));
    awaitCluster(3, a, b, c);
    assertEquals(3, a.serverCountAsync().get());
    c.close();
    awaitCluster(2, a, b);
  }

  @Test
  void aRequestCompletesAsSoonAsEveryLiveNodeAnswered() throws Exception {
    Node a = node("A", options(LONG));
    Node b = node("B", options(LONG));
    Node c = node("C", options(LONG));
    awaitCluster(3, a, b, c);
    // the timeout is a minute: done within seconds means done when B and C had answered
    List<Arguments> answers = a.serverSideEmitWithAck(ask(), 0).get(10, TimeUnit.SECONDS);
    assertEquals(Set.of("B", "C"), values(answers));
    assertEquals(Set.of("A", "C"), values(b.serverSideEmitWithAck(ask(), 0).get(10, TimeUnit.SECONDS)));
  }

  @Test
  void aLiveNodeThatStaysSilentTimesTheRequestOutWithTheOtherAnswers() throws Exception {
    Node a = node("A", options(Duration.ofMillis(300)));
    Node b = node("B", options(LONG));
    Node c = node(null, options(LONG));
    awaitCluster(3, a, b, c);
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> a.serverSideEmitWithAck(ask(), 0).get(10, TimeUnit.SECONDS));
    AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, failed.getCause());
    assertEquals(Set.of("B"), values(timeout.responses()));
  }

  @Test
  void aNodeThatClosesIsNoLongerWaitedFor() throws Exception {
    Node a = node("A", options(LONG));
    node("B", options(LONG));
    Node c = node(null, options(LONG));
    awaitCluster(3, a, c);
    var pending = a.serverSideEmitWithAck(ask(), 0);
    c.close(); // ADAPTER_CLOSE: A stops waiting for C's answer, which would never come
    assertEquals(Set.of("B"), values(pending.get(10, TimeUnit.SECONDS)));
    assertEquals(2, a.serverCount());
  }

  @Test
  void aNodeSilentPastTheHeartbeatTimeoutIsForgotten() throws Exception {
    ClusterAdapterOptions fast = ClusterAdapterOptions.builder().requestsTimeout(LONG)
        .heartbeatInterval(Duration.ofMillis(50)).heartbeatTimeout(Duration.ofMillis(300)).build();
    Node a = node("A", fast);
    Node b = node("B", fast);
    Node c = node("C", fast);
    awaitCluster(3, a, b, c);
    Thread.sleep(500); // quiet for several heartbeat intervals: the heartbeats alone keep everyone counted
    assertEquals(3, a.serverCount());
    c.cutOff = true; // hung: it neither hears the request nor sends a heartbeat any more
    var pending = a.serverSideEmitWithAck(ask(), 0);
    assertEquals(Set.of("B"), values(pending.get(10, TimeUnit.SECONDS)));
    awaitCluster(2, a, b);
  }

  @Test
  void withSharedRecoveryEveryNodeDeliversABroadcastWithTheBrokersOffset() throws Exception {
    List<Node> pair = new ArrayList<>();
    for (String name : List.of("A", "B")) {
      Node node = broker.logNode(new TestNamespace(name, ConnectionStateRecovery.defaults()), options(LONG));
      nodes.add(node);
      node.init();
      pair.add(node);
    }
    Node a = pair.get(0);
    Node b = pair.get(1);
    awaitCluster(2, a, b);
    TestSocket a1 = socket(a, "a1", "red");
    TestSocket b1 = socket(b, "b1", "red");
    SocketIoPacket event = SocketIoPacket.event("/", mapper.createArrayNode().add("e").add(1), SocketIoPacket.NO_ACK);
    a.broadcast(event, new BroadcastOptions(Set.of("red"), Set.of(), false, true, false, 0));
    assertEquals("2[\"e\",1,\"1-0\"]", a1.delivered.poll(10, TimeUnit.SECONDS), "the sender: the broker's offset");
    assertEquals("2[\"e\",1,\"1-0\"]", b1.delivered.poll(10, TimeUnit.SECONDS), "a receiver: the same offset");
    // a volatile broadcast is not kept: no offset, on either node
    a.broadcast(event, new BroadcastOptions(Set.of("red"), Set.of(), true, true, false, 0));
    assertEquals("2[\"e\",1]", a1.delivered.poll(10, TimeUnit.SECONDS));
    assertEquals("2[\"e\",1]", b1.delivered.poll(10, TimeUnit.SECONDS));
    // nothing kept in the server's memory: the broker adapter's own store answers (this one has none)
    a.persistSession(new SessionState("a1", "pa", Set.of("a1", "red"), Map.of()));
    assertNull(a.restoreSession("pa", "1-0").get(10, TimeUnit.SECONDS));
  }

  @Test
  void broadcastsWithRoomsExceptAndAcknowledgementsCrossNodes() throws Exception {
    Node a = node("A", options(LONG));
    Node b = node("B", options(LONG));
    awaitCluster(2, a, b);
    TestSocket a1 = socket(a, "a1", "red");
    TestSocket b1 = socket(b, "b1", "red");
    TestSocket b2 = socket(b, "b2", "red", "blue");
    SocketIoPacket event = SocketIoPacket.event("/", mapper.createArrayNode().add("e").add(1), SocketIoPacket.NO_ACK);
    a.broadcast(event, new BroadcastOptions(Set.of("red"), Set.of("blue"), false, true, false, 0));
    assertEquals("2[\"e\",1]", a1.delivered.poll(10, TimeUnit.SECONDS));
    assertEquals("2[\"e\",1]", b1.delivered.poll(10, TimeUnit.SECONDS));
    // a local broadcast stays here
    a.broadcast(event, new BroadcastOptions(Set.of(), Set.of(), false, true, true, 0));
    assertEquals("2[\"e\",1]", a1.delivered.poll(10, TimeUnit.SECONDS));

    BlockingQueue<Integer> counts = new LinkedBlockingQueue<>();
    BlockingQueue<String> acks = new LinkedBlockingQueue<>();
    a.broadcastWithAck(event, new BroadcastOptions(Set.of("red"), Set.of(), false, true, false, 5000), counts::add,
        args -> acks.add(args.get(0, String.class)));
    assertEquals(Set.of(1, 2), Set.of(counts.poll(10, TimeUnit.SECONDS), counts.poll(10, TimeUnit.SECONDS)));
    assertTrue(b1.delivered.poll(10, TimeUnit.SECONDS).startsWith("2"), "an event with an ack id");
    assertTrue(b2.delivered.poll(10, TimeUnit.SECONDS).startsWith("2"));
    for (TestSocket s : List.of(a1, b1, b2)) {
      s.acks.values().forEach(ack -> ack.accept(new Arguments(List.of(TextNode.valueOf(s.id)), mapper)));
    }
    assertEquals(Set.of("a1", "b1", "b2"),
        Set.of(acks.poll(10, TimeUnit.SECONDS), acks.poll(10, TimeUnit.SECONDS), acks.poll(10, TimeUnit.SECONDS)));
    assertNull(b2.delivered.poll(100, TimeUnit.MILLISECONDS), "b2 is in blue: left out of the first broadcast");
  }

  @Test
  void socketsJoinAndLeaveApplyOnEveryNode() throws Exception {
    Node a = node("A", options(LONG));
    Node b = node("B", options(LONG));
    awaitCluster(2, a, b);
    socket(a, "a1", "red");
    socket(b, "b1", "red");
    socket(b, "b2", "blue");
    a.addSockets(new BroadcastOptions(Set.of("red"), Set.of(), false, true, false, 0), Set.of("green"));
    assertEquals(Set.of("a1"), a.sockets(Set.of("green")));
    await(() -> b.sockets(Set.of("green")).equals(Set.of("b1")), "b1 did not join green");
    b.delSockets(new BroadcastOptions(Set.of(), Set.of(), false, true, false, 0), Set.of("green"));
    await(() -> a.sockets(Set.of("green")).isEmpty(), "a1 did not leave green");
  }

  @Test
  void optionsValidateTheirTimings() {
    ClusterAdapterOptions o = ClusterAdapterOptions.defaults();
    assertEquals(Duration.ofMillis(5000), o.requestsTimeout());
    assertEquals(Duration.ofMillis(5000), o.heartbeatInterval());
    assertEquals(Duration.ofMillis(10_000), o.heartbeatTimeout());
    assertThrows(IllegalArgumentException.class, () -> ClusterAdapterOptions.builder().requestsTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> ClusterAdapterOptions.builder().heartbeatTimeout(Duration.ofSeconds(5)).build());
  }
}
