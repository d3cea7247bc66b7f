package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code serverSideEmitWithAck} between three sio4j servers over a real redis-server: one answer per other server, the
 * first answer of a server only, a partial result on timeout. (Java and Node servers answering each other:
 * {@code MixedRedisClusterTest} in the interop tests.)
 */
class ServerSideEmitWithAckTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();
  private final List<SocketIoServer> servers = new ArrayList<>();
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    servers.forEach(SocketIoServer::close);
  }

  private SocketIoServer server(String name) {
    RedisAdapterOptions options = RedisAdapterOptions.builder().requestsTimeout(Duration.ofMillis(500)).build();
    SocketIoServer io = SocketIoServer.create(
        ServerOptions.builder().adapterFactory(RedisAdapterFactory.create(REDIS.uri(), options)).build());
    servers.add(io);
    io.onServerSideEvent(event -> {
      received.add(name + " " + event.name() + " " + event.arguments() + " " + event.hasAck());
      if (!event.name().equals("quiet") || name.equals("B")) {
        event.ack(name + ":" + event.arg(0, Integer.class));
      }
    });
    // a second listener answers too late: the server's first answer is the one sent
    io.onServerSideEvent(event -> {
      if (!event.name().equals("quiet")) {
        event.ack("second listener");
      }
    });
    return io;
  }

  private static Set<String> values(List<Arguments> answers) {
    return answers.stream().map(a -> a.get(0, String.class)).collect(Collectors.toSet());
  }

  private void awaitServers(SocketIoServer io, int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (io.sockets().adapter().serverCountAsync().get(5, TimeUnit.SECONDS) < count) {
      assertTrue(System.nanoTime() < deadline, "the servers did not all subscribe");
      Thread.sleep(20);
    }
  }

  @Test
  void everyOtherServerAnswersOnceAndASilentOneTimesOutWithTheOthersAnswers() throws Exception {
    SocketIoServer a = server("A");
    server("B");
    server("C");
    awaitServers(a, 3);

    List<Arguments> answers = a.serverSideEmitWithAck("ask", 7).get(5, TimeUnit.SECONDS);
    assertEquals(2, answers.size(), answers.toString());
    assertEquals(Set.of("B:7", "C:7"), values(answers));
    Set<String> seen = Set.of(received.take(), received.take());
    assertEquals(Set.of("B ask [7] true", "C ask [7] true"), seen, "never the emitting server's own listeners");

    // without acknowledgement the listeners see no ack to give
    a.serverSideEmit("tell", 1);
    assertEquals(Set.of("B tell [1] false", "C tell [1] false"), Set.of(received.take(), received.take()));

    // C stays silent on "quiet": the timeout fails the future with B's answer attached
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> a.serverSideEmitWithAck(Duration.ofMillis(300), "quiet", 3).get(5, TimeUnit.SECONDS));
    AckTimeoutException timeout = assertInstanceOf(AckTimeoutException.class, failed.getCause());
    assertEquals(Set.of("B:3"), values(timeout.responses()));
  }
}
