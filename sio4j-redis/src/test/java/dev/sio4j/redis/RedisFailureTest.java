package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sio4j.redis.internal.RedisConnections;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.ClusterRequestTimeoutException;
import dev.sio4j.testing.RedisServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * The Redis adapters when Redis or a node fails, over a real redis-server the test restarts, pauses (SIGSTOP) or
 * outlives, and a node in a JVM of its own killed with SIGKILL: cluster requests fail with a timeout within
 * {@code requestsTimeout} rather than hang, and once Redis is back the same nodes, never restarted, answer each other
 * again. The pub/sub adapters, classic and sharded; the streams adapter goes through the same failures, with clients,
 * in the interop tests' {@code RedisOutageTest}.
 */
@Tag("environment")
class RedisFailureTest {
  private static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(1);

  /** The adapter under test. */
  enum Kind {
    CLASSIC, SHARDED;

    AdapterFactory factory(String uri, Duration requestsTimeout) {
      return switch (this) {
        case CLASSIC -> RedisAdapterFactory.create(uri,
            RedisAdapterOptions.builder().requestsTimeout(requestsTimeout).build());
        case SHARDED -> ShardedRedisAdapterFactory.create(uri,
            ShardedRedisAdapterOptions.builder().requestsTimeout(requestsTimeout).build());
      };
    }
  }

  private RedisServer redis;
  private Process child;
  private final List<SocketIoServer> servers = new ArrayList<>();
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (child != null) {
      child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    signal("CONT");
    servers.forEach(SocketIoServer::close);
    redis.close();
  }

  private SocketIoServer node(Kind kind, String name) {
    SocketIoServer io = SocketIoServer.create(
        ServerOptions.builder().adapterFactory(kind.factory(redis.uri(), REQUESTS_TIMEOUT)).build());
    servers.add(io);
    io.onServerSideEvent(event -> {
      received.add(name + " " + event.name());
      if (!event.name().equals("ignored")) {
        event.ack(name);
      }
    });
    return io;
  }

  private void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(redis.pid())).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
  }

  private static List<String> names(List<Arguments> answers) {
    return answers.stream().map(a -> a.get(0, String.class)).sorted().collect(Collectors.toList());
  }

  // asks until the answers are exactly `expected`: subscriptions settle asynchronously, after a restart with a backoff
  private static void awaitAnswers(SocketIoServer from, List<String> expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> got = null;
    while (System.nanoTime() < deadline) {
      try {
        got = names(from.serverSideEmitWithAck("ping").get(10, TimeUnit.SECONDS));
        if (got.equals(expected)) {
          return;
        }
      } catch (ExecutionException e) {
        got = List.of(e.getCause().toString());
      }
      Thread.sleep(100);
    }
    assertEquals(expected, got);
  }

  // a request issued while Redis cannot answer fails with the adapters' timeout exception, within requestsTimeout
  private static void assertRequestsTimeOut(SocketIoServer io) {
    ExecutionException fetch = assertThrows(ExecutionException.class,
        () -> io.fetchSockets().get(REQUESTS_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS));
    assertInstanceOf(ClusterRequestTimeoutException.class, fetch.getCause());
    ExecutionException ask = assertThrows(ExecutionException.class,
        () -> io.serverSideEmitWithAck("ping").get(REQUESTS_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS));
    assertInstanceOf(AckTimeoutException.class, ask.getCause());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void nodesAnswerEachOtherAgainOnceRedisRestarted(Kind kind) throws Exception {
    SocketIoServer a = node(kind, "a");
    SocketIoServer b = node(kind, "b");
    awaitAnswers(a, List.of("b"));
    assertEquals(0, a.fetchSockets().get(5, TimeUnit.SECONDS).size());

    Logger logger = (Logger) LoggerFactory.getLogger(RedisConnections.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
    int port = redis.port();
    redis.close();
    assertRequestsTimeOut(a);
    assertRequestsTimeOut(b);
    a.serverSideEmit("during-outage"); // never throws: queued by the client, delivered or not once Redis is back

    redis = RedisServer.start(port);
    // the same nodes reconnect and subscribe again: no restart
    awaitAnswers(a, List.of("b"));
    awaitAnswers(b, List.of("a"));
    assertEquals(0, b.fetchSockets().get(5, TimeUnit.SECONDS).size());

    // each server said once that it lost Redis, and once that it is back, however many reconnection attempts failed
    logger.detachAppender(logs);
    List<String> said = logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage().split(":")[0])
        .sorted().collect(Collectors.toList());
    assertEquals(List.of("INFO connected to Redis again", "INFO connected to Redis again",
        "WARN lost the connection to Redis", "WARN lost the connection to Redis"), said);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void requestsDuringAPausedRedisTimeOutAndWorkAfterwards(Kind kind) throws Exception {
    SocketIoServer a = node(kind, "a");
    node(kind, "b");
    awaitAnswers(a, List.of("b"));

    signal("STOP");
    try {
      assertRequestsTimeOut(a);
      Thread.sleep(3_000); // five seconds paused in all
    } finally {
      signal("CONT");
    }
    awaitAnswers(a, List.of("b"));
    assertEquals(0, a.fetchSockets().get(5, TimeUnit.SECONDS).size());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aKilledNodeStopsBeingWaitedForAndTheOthersStillHearEachOther(Kind kind) throws Exception {
    SocketIoServer a = node(kind, "a");
    node(kind, "b");
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FailureNode.class.getName(),
        kind.name(), redis.uri()).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // the child's log lines
    }
    assertEquals("ready", line, "the child node did not start");
    awaitAnswers(a, List.of("b", "child"));

    // a request the child would answer but never does: it dies holding it up; the request ends at its timeout with
    // b's answer
    var pending = a.serverSideEmitWithAck("slow");
    child.destroyForcibly(); // SIGKILL: no goodbye on the wire
    assertTrue(child.waitFor(10, TimeUnit.SECONDS));
    try {
      List<Arguments> answers = pending.get(REQUESTS_TIMEOUT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
      assertTrue(names(answers).contains("b"), answers.toString());
    } catch (ExecutionException e) {
      AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, e.getCause());
      assertEquals(List.of("b"), names(timeout.responses()));
    }

    // Redis dropped the dead node's connections: the next requests wait for the survivors only
    awaitAnswers(a, List.of("b"));
    assertEquals(0, a.fetchSockets().get(5, TimeUnit.SECONDS).size());
    received.clear();
    a.serverSideEmit("tell");
    assertEquals("b tell", received.poll(5, TimeUnit.SECONDS));
  }
}
