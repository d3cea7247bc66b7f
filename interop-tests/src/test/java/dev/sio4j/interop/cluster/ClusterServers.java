package dev.sio4j.interop.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The sio4j servers of a cluster test, as {@code node/cluster/cluster.js} expects them: each socket takes its name and
 * rooms ({@code room}, several joined by {@code +}) from its handshake's {@code auth}; the server notes the server-side
 * emits it gets ({@link #serverSideEmits}) and answers {@code ask}(n) with {@code <server name>:n}. Closes them all on
 * {@link #close()}. With the helpers the cluster tests share to read what the Node script's clients print.
 */
public final class ClusterServers implements AutoCloseable {
  /** How long a cluster test waits for one line or answer. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final List<SocketIoServer> servers = new ArrayList<>();
  /** {@code "<server> <event> <args>"} for each server-side emit a server got. */
  public final BlockingQueue<String> serverSideEmits = new LinkedBlockingQueue<>();

  /** Starts server {@code name} with {@code options} on a free port; returns its URL. */
  public String start(String name, ServerOptions options) {
    SocketIoServer io = SocketIoServer.create(options);
    io.onConnection(socket -> {
      socket.data().put("name", socket.handshake().auth().path("name").asText());
      socket.join(socket.handshake().auth().path("room").asText().split("\\+"));
    });
    io.of("/").onServerSideEmit((event, args) -> serverSideEmits.add(name + " " + event + " " + args.values()));
    io.onServerSideEvent(event -> {
      if (event.name().equals("ask")) {
        event.ack(name + ":" + event.arg(0, Integer.class));
      }
    });
    servers.add(io);
    ServerBinding binding = io.listen(0);
    return "http://127.0.0.1:" + binding.address().getPort();
  }

  /** The {@code index}th server started. */
  public SocketIoServer get(int index) {
    return servers.get(index);
  }

  /** Every server started, in order. */
  public List<SocketIoServer> all() {
    return List.copyOf(servers);
  }

  @Override
  public void close() {
    servers.forEach(SocketIoServer::close);
    servers.clear();
  }

  /**
   * Server-side emits, then server-side emits with answers, both ways between server A (the first started), B and the
   * Node server of {@code node}: every other server gets each once (the emitting server's own listeners never), and
   * each other server answers once.
   */
  public void assertServerSideEmitsBothWays(NodePeer node) throws Exception {
    get(0).serverSideEmit("hello-node", "from java", 1);
    node.awaitLine("node got hello-node [\"from java\",1]", TIMEOUT);
    node.sendLine("ssemit");
    Set<String> got = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      got.add(serverSideEmits.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }
    assertEquals(Set.of("B hello-node [\"from java\", 1]", "A hello-java [\"from node\", 2]",
        "B hello-java [\"from node\", 2]"), got, "every other server, once each");

    List<Arguments> fromServers = get(0).serverSideEmitWithAck("ask", 7).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("B:7", "node:7"),
        fromServers.stream().map(x -> x.get(0, String.class)).sorted().collect(Collectors.toList()));
    node.sendLine("ssack 8");
    node.awaitLine("ssacks A:8,B:8", TIMEOUT);
  }

  /** A broadcast with acknowledgements from server A, then one from the Node server: every client answers each. */
  public void assertBroadcastAcksBothWays(NodePeer node, String... clients) throws Exception {
    List<Arguments> answers = get(0).timeout(5000).emitWithAck("poll").get(10, TimeUnit.SECONDS);
    assertEquals(Set.of(clients), answers.stream().map(x -> x.get(0, String.class)).collect(Collectors.toSet()));
    node.sendLine("ack");
    node.awaitLine("acks " + Set.of(clients).stream().sorted().collect(Collectors.joining(",")), TIMEOUT);
  }

  /**
   * {@code fetchSockets} of room {@code red} from server A, then of room {@code blue} from the Node server: each finds
   * the room's sockets on every server, by name; the Node client {@code n1}, seen from Java, carries its rooms (its own
   * included) and its handshake's {@code auth}.
   *
   * @return the sockets of room {@code red}, as server A sees them
   */
  public List<RemoteSocket> assertFetchSocketsBothWays(NodePeer node, Set<String> red, Set<String> blue)
      throws Exception {
    List<RemoteSocket> sockets = get(0).in("red").fetchSockets().get(10, TimeUnit.SECONDS);
    assertEquals(red, names(sockets));
    RemoteSocket n1 = named(sockets, "n1");
    assertTrue(n1.rooms().contains("red") && n1.rooms().contains(n1.id()), n1.rooms().toString());
    assertEquals("n1", n1.handshake().auth().path("name").asText());
    node.sendLine("fetch blue");
    node.awaitLine("fetched blue " + String.join(",", new TreeSet<>(blue)), TIMEOUT);
    return sockets;
  }

  /**
   * {@code socketsJoin} from server A (room {@code blue} joins {@code green}), then from the Node server (room
   * {@code red} joins {@code node-red}): each reaches every server.
   */
  public void assertSocketsJoinBothWays(NodePeer node, Set<String> blue, Set<String> red) throws Exception {
    get(0).in("blue").socketsJoin("green");
    // a socketsJoin is applied on each other server when its message arrives there; with the streams adapter it
    // travels in the stream and the fetch on pub/sub (as the reference's), so the fetch may arrive first: wait for it
    assertEventuallyIn("green", blue);
    node.sendLine("join red");
    node.awaitLine("joined red", TIMEOUT);
    // the reference applies a socketsJoin of its own on the other servers when its message arrives there (with the
    // Redis adapters, on itself too, once the message came back): wait for it (bounded)
    assertEventuallyIn("node-red", red);
  }

  /** Fetches the sockets of {@code room} from server A until they are {@code expected} (bounded), then asserts. */
  private void assertEventuallyIn(String room, Set<String> expected) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Set<String> found = Set.of();
    while (!found.equals(expected) && System.nanoTime() < deadline) {
      found = names(get(0).in(room).fetchSockets().get(10, TimeUnit.SECONDS));
    }
    assertEquals(expected, found);
  }

  /**
   * {@code disconnectSockets} from the Node server (room {@code blue}), then from server B (room {@code red}): the
   * clients of each room, and only they, are told "io server disconnect"; none is left.
   */
  public void assertDisconnectSocketsBothWays(NodePeer node, Set<String> blue, Set<String> red) throws Exception {
    node.sendLine("disconnect blue");
    assertEquals(each("disconnected io server disconnect", blue.toArray(String[]::new)), disconnections(node, blue));
    get(1).in("red").disconnectSockets(false);
    assertEquals(each("disconnected io server disconnect", red.toArray(String[]::new)), disconnections(node, red));
    assertEquals(List.of(), get(0).fetchSockets().get(10, TimeUnit.SECONDS));
  }

  private static Set<String> disconnections(NodePeer node, Set<String> expected) throws InterruptedException {
    Set<String> gone = new HashSet<>();
    while (gone.size() < expected.size()) {
      gone.add(node.awaitLine(l -> l.contains(" disconnected "), TIMEOUT));
    }
    return gone;
  }

  /** Every line until each of the {@code clients} printed {@code <name> end []}, sorted, without duplicates. */
  public static Set<String> linesUntilEnd(NodePeer peer, int clients) throws InterruptedException {
    return new TreeSet<>(allLinesUntilEnd(peer, clients));
  }

  /**
   * Every line until each of the {@code clients} printed {@code <name> end []}, sorted, duplicates kept (so that a
   * message delivered twice shows).
   */
  public static List<String> allLinesUntilEnd(NodePeer peer, int clients) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    int ends = 0;
    while (ends < clients) {
      String line = peer.awaitLine(l -> true, TIMEOUT);
      if (line.endsWith(" end []")) {
        ends++;
      } else {
        lines.add(line);
      }
    }
    lines.sort(null);
    return lines;
  }

  /** The names of {@code sockets}. */
  public static Set<String> names(List<RemoteSocket> sockets) {
    return sockets.stream().map(s -> String.valueOf(s.data().get("name"))).collect(Collectors.toSet());
  }

  /** The socket of {@code sockets} named {@code name}. */
  public static RemoteSocket named(List<RemoteSocket> sockets, String name) {
    return sockets.stream().filter(s -> name.equals(s.data().get("name"))).findFirst().orElseThrow();
  }

  /** {@code "<name> <line>"} for each of {@code names}. */
  public static Set<String> each(String line, String... names) {
    return Set.of(names).stream().map(n -> n + " " + line).collect(Collectors.toSet());
  }

  /** Every line of {@code sets}. */
  @SafeVarargs
  public static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
