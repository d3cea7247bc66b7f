package dev.sio4j.interop.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.redis.RedisStreamsAdapterOptions;
import dev.sio4j.redis.ShardedRedisAdapterFactory;
import dev.sio4j.redis.ShardedRedisAdapterOptions;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.ClusterRequestTimeoutException;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two sio4j nodes over a real redis-server that stops answering, with official socket.io-client clients on each: while
 * Redis is paused (SIGSTOP, 5 s) or restarted (stopped, or killed with SIGKILL), every node goes on serving its own clients (local broadcasts, acks both
 * ways) and cluster requests fail with a timeout. What crosses the cluster meanwhile: after a pause, every broadcast
 * sent during it reaches the other node's clients, in order, with each adapter (the connections stay up, and Redis
 * works through what waited); across a restart, the streams adapter delivers all of them too (its reader resumes after
 * the last entry it read), while a pub/sub adapter delivers those published once the other node has subscribed again
 * and may lose the others, as the reference's.
 */
@Tag("environment")
class RedisOutageTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(1);
  private static final int DURING = 10;
  private RedisServer redis;
  private final List<SocketIoServer> servers = new ArrayList<>();
  // the numbers of the "during" events b1 got, in the order they came, whatever line was awaited meanwhile
  private final List<Integer> during = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (redis != null) {
      signal("CONT");
    }
    servers.forEach(SocketIoServer::close);
    if (redis != null) {
      redis.close();
    }
  }

  private AdapterFactory adapters(String kind) {
    return switch (kind) {
      case "classic" -> RedisAdapterFactory.create(redis.uri(),
          RedisAdapterOptions.builder().requestsTimeout(REQUESTS_TIMEOUT).build());
      case "sharded" -> ShardedRedisAdapterFactory.create(redis.uri(),
          ShardedRedisAdapterOptions.builder().requestsTimeout(REQUESTS_TIMEOUT).build());
      default -> RedisStreamsAdapterFactory.create(redis.uri(),
          RedisStreamsAdapterOptions.builder().requestsTimeout(REQUESTS_TIMEOUT).build());
    };
  }

  private String node(String kind) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder().adapterFactory(adapters(kind)).build());
    io.onConnection(socket -> socket.join(socket.handshake().auth().path("room").asText()));
    servers.add(io);
    ServerBinding binding = io.listen(0);
    return "http://127.0.0.1:" + binding.address().getPort();
  }

  private void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(redis.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
  }

  /**
   * A redis-server, two nodes on it with the {@code kind} adapter and a client on each (a1 on the first, b1 on the
   * second, both in room red), once the cluster carries a broadcast from the first node to b1.
   */
  private NodePeer startCluster(String kind) throws Exception {
    redis = RedisServer.start();
    String a = node(kind);
    String b = node(kind);
    NodePeer clients = NodePeer.start(Paths.get("src/test/node/redis/clients.js"), "a1=" + a + "@red",
        "b1=" + b + "@red");
    try {
      await(clients, "ready"::equals, TIMEOUT);
      awaitCluster(clients, servers.get(0), "b1");
      return clients;
    } catch (Exception | AssertionError e) {
      clients.close();
      throw e;
    }
  }

  /** The "during" events 1 to {@link #DURING}, from the first node to room red. */
  private void emitDuring() {
    for (int i = 1; i <= DURING; i++) {
      servers.get(0).to("red").emit("during", i);
    }
  }

  /** The next line {@code match} accepts; the "during" events b1 gets meanwhile are noted. */
  private String await(NodePeer clients, Predicate<String> match, Duration timeout) throws InterruptedException {
    return clients.awaitLine(line -> {
      if (line.startsWith("b1 during [")) {
        during.add(Integer.parseInt(line.substring("b1 during [".length(), line.length() - 1)));
      }
      return match.test(line);
    }, timeout);
  }

  /** Sends {@code probe} from {@code io} to the room until {@code client} got one: the cluster carries messages. */
  private void awaitCluster(NodePeer clients, SocketIoServer io, String client) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      io.to("red").emit("probe");
      try {
        await(clients, (client + " probe []")::equals, Duration.ofMillis(300));
        return;
      } catch (AssertionError notYet) {
        assertTrue(System.nanoTime() < deadline, "the cluster never carried a broadcast to " + client);
      }
    }
  }

  /** While Redis cannot answer: each node serves its own clients, and cluster requests time out. */
  private void assertLocalServiceGoesOn(NodePeer clients) throws Exception {
    SocketIoServer a = servers.get(0);
    a.local().to("red").emit("local", 1);
    await(clients, "a1 local [1]"::equals, TIMEOUT);
    Socket a1 = a.of("/").sockets().values().iterator().next();
    Arguments answer = a1.timeout(5_000).emitWithAck("ask").get(10, TimeUnit.SECONDS);
    assertEquals("a1", answer.get(0, String.class));
    ExecutionException fetch = assertThrows(ExecutionException.class,
        () -> a.fetchSockets().get(REQUESTS_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS));
    assertInstanceOf(ClusterRequestTimeoutException.class, fetch.getCause());
  }

  /** The numbers of the "during" events b1 got, once {@code last} came or nothing more did. */
  private List<Integer> received(NodePeer clients, int last) throws Exception {
    while (!during.contains(last)) {
      try {
        await(clients, line -> line.startsWith("b1 during ["), TIMEOUT);
      } catch (AssertionError none) {
        break;
      }
    }
    return List.copyOf(during);
  }

  @ParameterizedTest(name = "{0} adapter")
  @ValueSource(strings = {"classic", "sharded", "streams"})
  void aPausedRedisLosesNothingAndTheNodesServeTheirClientsMeanwhile(String kind) throws Exception {
    try (NodePeer clients = startCluster(kind)) {

      signal("STOP");
      long paused = System.nanoTime();
      try {
        assertLocalServiceGoesOn(clients);
        emitDuring();
        long left = TimeUnit.SECONDS.toMillis(5) - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - paused);
        Thread.sleep(Math.max(0, left));
      } finally {
        signal("CONT");
      }
      assertEquals(IntStream.rangeClosed(1, DURING).boxed().toList(), received(clients, DURING),
          "every broadcast of the pause, once, in order");
    }
  }

  @ParameterizedTest(name = "{0} adapter, redis-server {1}")
  @CsvSource({"classic,stopped", "sharded,stopped", "streams,stopped", "classic,killed", "sharded,killed",
      "streams,killed"})
  void aRestartedRedisCarriesTheClusterAgainAndTheNodesServeTheirClientsMeanwhile(String kind, String end)
      throws Exception {
    try (NodePeer clients = startCluster(kind)) {
      int port = redis.port();
      if (end.equals("killed")) {
        signal("KILL"); // no shutdown of its own: the connections just drop
      }
      redis.close();
      redis = null;
      assertLocalServiceGoesOn(clients);
      emitDuring();
      redis = RedisServer.start(port);
      awaitCluster(clients, servers.get(0), "b1");
      servers.get(0).to("red").emit("during", DURING + 1);
      List<Integer> got = received(clients, DURING + 1);
      assertEquals(DURING + 1, (int) got.get(got.size() - 1), "broadcasts after the restart arrive: " + got);
      assertEquals(got.stream().sorted().distinct().toList(), got, "in order, once each: " + got);
      if (kind.equals("streams")) {
        assertEquals(DURING + 1, got.size(), "the streams adapter delivers what was sent during the outage");
      }
    }
  }
}
