package dev.sio4j.interop.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.EventArgs;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connection state recovery across the servers of a cluster on a real redis-server: a client connected to server A
 * through a relay loses its connection; while it is away, A emits 100 events to its room; it comes back, same URL, to
 * server B (the relay now leads there) and is recovered there ({@code recovered} true, same id, rooms and data) with
 * the 100 events once each and in order. With the streams adapter (also to a Node server on the reference streams
 * adapter) and with the classic adapter's {@code sharedRecovery}; the official npm client and the sio4j Java client.
 */
class ClusterRecoveryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Path CLIENT = Paths.get("src/test/node/socketio/recovery.js");
  private static final int MISSED = 100;

  enum Kind {
    STREAMS, CLASSIC_SHARED_RECOVERY
  }

  private RedisServer redis;
  private RedisClient lettuce;
  private StatefulRedisConnection<String, String> commands;
  private final List<SocketIoServer> servers = new ArrayList<>();
  private final BlockingQueue<String> reasonsOnA = new LinkedBlockingQueue<>();
  private int javaServerPortA;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    lettuce = RedisClient.create(redis.uri());
    commands = lettuce.connect();
  }

  @AfterEach
  void stop() {
    servers.forEach(SocketIoServer::close);
    commands.close();
    lettuce.shutdown();
    redis.close();
  }

  private AdapterFactory adapter(Kind kind) {
    return kind == Kind.STREAMS ? RedisStreamsAdapterFactory.create(redis.uri())
        : RedisAdapterFactory.create(redis.uri(), RedisAdapterOptions.builder().sharedRecovery(true).build());
  }

  /** The stream that keeps the broadcasts. */
  private static String stream(Kind kind) {
    return kind == Kind.STREAMS ? "socket.io" : "socket.io-recovery#/#";
  }

  /** A server of the cluster: "join" joins and acks, "whoami" acks what the socket is. */
  private int javaServer(Kind kind, BlockingQueue<String> reasons) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder().adapterFactory(adapter(kind))
        .connectionStateRecovery(ConnectionStateRecovery.builder()
            .maxDisconnectionDuration(Duration.ofMinutes(2)).build())
        .build());
    io.onConnection(socket -> {
      if (!socket.recovered()) {
        socket.data().put("name", "alice");
      }
      socket.on("join", e -> {
        socket.join(e.arg(0, String.class));
        e.ack("joined");
      });
      socket.on("whoami", e -> e.ack(new TreeMap<>(Map.of("recovered", socket.recovered(),
          "name", socket.data().get("name"), "rooms", new TreeSet<>(socket.rooms()).toString()))));
      if (reasons != null) {
        socket.onDisconnect((s, reason) -> reasons.add(reason.reason()));
      }
    });
    servers.add(io);
    ServerBinding binding = io.listen(0);
    return binding.address().getPort();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(10);
    }
  }

  /** A lost the client: waits for its session in Redis. */
  private void awaitPersisted() throws InterruptedException {
    assertEquals("transport close", reasonsOnA.poll(10, TimeUnit.SECONDS));
    await(() -> !commands.sync().keys("sio:session:*").isEmpty(), "the session in Redis");
  }

  /** A emits {@code MISSED} events to room1 (and one elsewhere); waits until Redis kept them all. */
  private void emitWhileAway(Kind kind) throws InterruptedException {
    SocketIoServer a = servers.get(0);
    long before = commands.sync().xlen(stream(kind));
    for (int i = 1; i <= MISSED; i++) {
      a.to("room1").emit("news", i);
    }
    a.except("room1").emit("news", "not for me");
    await(() -> commands.sync().xlen(stream(kind)) >= before + MISSED + 1, "the events in the stream");
  }

  /** Reads the client's lines up to the one {@code last} matches (returned last), keeping those {@code keep} matches. */
  private static List<String> linesUntil(NodePeer peer, Predicate<String> keep, Predicate<String> last)
      throws InterruptedException {
    List<String> kept = new ArrayList<>();
    while (true) {
      String line = peer.awaitLine(l -> keep.test(l) || last.test(l), TIMEOUT);
      kept.add(line);
      if (last.test(line)) {
        return kept;
      }
    }
  }

  /**
   * The connect event and the missed events, as the client's listeners see them: a sio4j server replays right after
   * the CONNECT answer; the Node server sends the replay before it (its socket constructor emits them), so the client
   * buffers them and hands them to its listeners just before {@code connect}.
   */
  private static List<String> expectedReplay(String id, boolean replayBeforeConnect) {
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= MISSED; i++) {
      expected.add("news [" + i + "] offset");
    }
    expected.add(replayBeforeConnect ? expected.size() : 0, "connect true " + id);
    return expected;
  }

  /** The npm client: connected to A, away, back to {@code next} (B or the Node server) through the same URL. */
  private void npmClientRecovers(Kind kind, int nextPort, String whoami, boolean replayBeforeConnect)
      throws Exception {
    try (SwitchableProxy proxy = new SwitchableProxy(javaServerPortA);
        NodePeer client = NodePeer.start(CLIENT, proxy.url(), "websocket")) {
      String id = client.awaitLine(l -> l.startsWith("connect false "), TIMEOUT).substring("connect false ".length());
      client.awaitLine("joined", TIMEOUT);
      client.awaitLine(l -> l.startsWith("whoami"), TIMEOUT);
      servers.get(0).to("room1").emit("news", 0);
      client.awaitLine("news [0] offset", TIMEOUT);

      client.sendLine("drop");
      awaitPersisted();
      emitWhileAway(kind);
      proxy.switchTo(nextPort);
      client.sendLine("reconnect");

      // the missed events come right after the CONNECT answer, before the answer to whoami
      List<String> seen = linesUntil(client, l -> l.startsWith("news") || l.startsWith("connect"),
          l -> l.startsWith("whoami"));
      String who = seen.remove(seen.size() - 1);
      assertEquals(expectedReplay(id, replayBeforeConnect), seen);
      // the rooms sorted as text, as both the Java and the Node handlers sort them
      TreeSet<String> rooms = new TreeSet<>(List.of(id, "room1"));
      assertEquals("whoami " + whoami.replace("[ROOMS]", rooms.toString()).replace("ROOMS", String.join(",", rooms)),
          who);
      // the recovered socket is in its room on the new server: A's next broadcast reaches it there, once
      servers.get(0).to("room1").emit("news", MISSED + 1);
      assertEquals(List.of("news [" + (MISSED + 1) + "] offset"),
          linesUntil(client, l -> l.startsWith("news"), ("news [" + (MISSED + 1) + "] offset")::equals));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void npmClientRecoversOnAnotherJavaServer(Kind kind) throws Exception {
    javaServerPortA = javaServer(kind, reasonsOnA);
    int b = javaServer(kind, null);
    npmClientRecovers(kind, b, "{\"name\":\"alice\",\"recovered\":true,\"rooms\":\"[ROOMS]\"}",
        false);
  }

  @Test
  void npmClientRecoversOnTheNodeServerFromASessionAJavaServerKept() throws Exception {
    javaServerPortA = javaServer(Kind.STREAMS, reasonsOnA);
    try (NodePeer node = NodePeer.start(Paths.get("src/test/node/redis/recovery-server.js"), redis.uri())) {
      int nodePort = Integer.parseInt(node.awaitLine(l -> l.startsWith("port "), TIMEOUT).substring(5));
      npmClientRecovers(Kind.STREAMS, nodePort, "{\"name\":\"alice\",\"recovered\":true,\"rooms\":\"ROOMS\"}",
          true);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void javaClientRecoversOnAnotherJavaServer(Kind kind) throws Exception {
    javaServerPortA = javaServer(kind, reasonsOnA);
    int b = javaServer(kind, null);
    BlockingQueue<Integer> news = new LinkedBlockingQueue<>();
    BlockingQueue<Boolean> connects = new LinkedBlockingQueue<>();
    try (SwitchableProxy proxy = new SwitchableProxy(javaServerPortA);
        SocketIoClient client = new SocketIoClient()) {
      dev.sio4j.client.Socket socket = client.socket(proxy.url(), ClientOptions.builder()
          .transports(dev.sio4j.client.TransportType.WEBSOCKET)
          .reconnectionDelay(Duration.ofMillis(100)).reconnectionDelayMax(Duration.ofMillis(300)).build());
      socket.on("news", (EventArgs args) -> news.add(args.get(0, Integer.class)));
      socket.onConnect(() -> connects.add(socket.recovered()));
      assertEquals(false, connects.poll(10, TimeUnit.SECONDS));
      String id = socket.id();
      assertEquals("joined", socket.emitWithAck("join", "room1").get(10, TimeUnit.SECONDS).getString(0));
      servers.get(0).to("room1").emit("news", 0);
      assertEquals(0, news.poll(10, TimeUnit.SECONDS));

      proxy.cut(); // the client retries, refused, until the relay leads to B
      awaitPersisted();
      emitWhileAway(kind);
      proxy.switchTo(b);

      assertEquals(true, connects.poll(10, TimeUnit.SECONDS), "recovered on B");
      assertEquals(id, socket.id());
      List<Integer> got = new ArrayList<>();
      for (int i = 1; i <= MISSED; i++) {
        got.add(news.poll(10, TimeUnit.SECONDS));
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 1; i <= MISSED; i++) {
        expected.add(i);
      }
      assertEquals(expected, got, "every missed event once, in order");
      servers.get(0).to("room1").emit("news", MISSED + 1);
      assertEquals(MISSED + 1, news.poll(10, TimeUnit.SECONDS));
      Thread.sleep(200);
      assertEquals(null, news.poll(), "nothing twice");
    }
  }
}
