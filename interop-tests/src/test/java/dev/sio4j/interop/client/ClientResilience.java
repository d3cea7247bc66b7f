package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.DisconnectReason;
import dev.sio4j.client.EventArgs;
import dev.sio4j.client.Manager;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client when things go wrong: a server stopped and restarted, a server gone silent,
 * connection state recovery, giving up, and no thread left after {@code close()}. A subclass per server.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
abstract class ClientResilience {
  static final Duration WAIT = Duration.ofSeconds(10);

  protected abstract TestServer start(TestServer.Spec spec) throws Exception;

  /** Whether the server implements connection state recovery. */
  protected boolean serverSupportsRecovery() {
    return true;
  }

  static ClientOptions.Builder fastReconnect() {
    return ClientOptions.builder().reconnectionDelay(Duration.ofMillis(100))
        .reconnectionDelayMax(Duration.ofMillis(400));
  }

  @Test
  void reconnectsAfterRestartAndSendsBufferedEmitsOnceInOrder() throws Exception {
    TestServer first = start(TestServer.Spec.defaults());
    int port = first.port();
    AtomicInteger authAsked = new AtomicInteger();
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(first.url(), fastReconnect()
          .auth(() -> Map.of("n", authAsked.incrementAndGet())).build());
      Inbox<Boolean> connects = new Inbox<>();
      Inbox<DisconnectReason> disconnects = new Inbox<>();
      Inbox<Integer> attempts = new Inbox<>();
      Inbox<Integer> reconnects = new Inbox<>();
      socket.onConnect(() -> connects.add(true));
      socket.onDisconnect((reason, cause) -> disconnects.add(reason));
      socket.io().onReconnectAttempt(attempts::add);
      socket.io().onReconnect(reconnects::add);
      connects.await(WAIT);
      socket.emit("record", 0);
      assertEquals("[0]", first.awaitRecord(WAIT));

      first.close();
      DisconnectReason reason = disconnects.await(WAIT);
      assertTrue(reason.reconnects(), "reason " + reason);
      assertFalse(socket.connected());
      for (int i = 1; i <= 5; i++) {
        socket.emit("record", i);
      }
      CompletableFuture<EventArgs> lateAck = socket.emitWithAck("ack", "late");
      assertTrue(attempts.await(WAIT) >= 1);

      try (TestServer second = start(TestServer.Spec.defaults().port(port))) {
        connects.await(WAIT);
        assertTrue(reconnects.await(WAIT) >= 1);
        for (int i = 1; i <= 5; i++) {
          assertEquals("[" + i + "]", second.awaitRecord(WAIT), "buffered emits arrive once, in order");
        }
        assertEquals("late", lateAck.get(10, TimeUnit.SECONDS).getString(0));
        socket.emit("record", 6);
        assertEquals("[6]", second.awaitRecord(WAIT), "nothing sent twice");
        assertTrue(authAsked.get() >= 2, "the auth supplier is asked again on reconnection");
      }
    }
  }

  @Test
  void silentServerIsDetectedWithinPingIntervalPlusPingTimeout() throws Exception {
    long interval = 300;
    long timeout = 200;
    try (TestServer server = start(TestServer.Spec.defaults().heartbeat(interval, timeout));
        SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), fastReconnect().build());
      AtomicLong lastPing = new AtomicLong();
      Inbox<Boolean> pinged = new Inbox<>();
      socket.io().onPing(() -> {
        lastPing.set(System.nanoTime());
        pinged.add(true);
      });
      Inbox<Long> disconnectedAt = new Inbox<>();
      Inbox<DisconnectReason> reasons = new Inbox<>();
      socket.onDisconnect((reason, cause) -> {
        disconnectedAt.add(System.nanoTime());
        reasons.add(reason);
      });
      Inbox<Boolean> connects = new Inbox<>();
      socket.onConnect(() -> connects.add(true));
      connects.await(WAIT);
      pinged.await(WAIT);
      server.freeze();
      try {
        assertEquals(DisconnectReason.PING_TIMEOUT, reasons.await(WAIT));
        long silentMs = TimeUnit.NANOSECONDS.toMillis(disconnectedAt.await(WAIT) - lastPing.get());
        assertTrue(silentMs >= interval + timeout - 200, "not before the deadline: " + silentMs + " ms");
        assertTrue(silentMs <= interval + timeout + 1000, "detected within the deadline: " + silentMs + " ms");
      } finally {
        server.thaw();
      }
      connects.await(WAIT);
      assertTrue(socket.connected(), "reconnected once the server answers again");
    }
  }

  @Test
  void connectTimeoutAgainstASilentServer() throws Exception {
    try (TestServer server = start(TestServer.Spec.defaults());
        SocketIoClient client = new SocketIoClient()) {
      server.freeze();
      try {
        Socket socket = client.socket(server.url(), fastReconnect().reconnection(false)
            .timeout(Duration.ofMillis(300)).build());
        Inbox<dev.sio4j.client.ConnectErrorException> errors = new Inbox<>();
        socket.onConnectError(errors::add);
        assertEquals("timeout", errors.await(WAIT).getMessage());
        assertFalse(socket.connected());
      } finally {
        server.thaw();
      }
    }
  }

  @Test
  void connectionStateRecoveryRestoresTheSessionAndMissedEvents() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(serverSupportsRecovery(), "server without connection state recovery");
    try (TestServer server = start(TestServer.Spec.defaults().withRecovery())) {
      recovers(server, fastReconnect().build());
    }
  }

  /** A client of {@code server} (recovery on) is recovered after a drop, with the event it missed. */
  static void recovers(TestServer server, ClientOptions options) throws Exception {
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), options);
      Inbox<EventArgs> ticks = new Inbox<>();
      socket.on("tick", ticks::add);
      Inbox<Boolean> connects = new Inbox<>();
      socket.onConnect(() -> connects.add(true));
      connects.await(WAIT);
      assertFalse(socket.recovered());
      String id = socket.id();
      server.tick(1);
      assertEquals(1, ticks.await(WAIT).get(0, Integer.class));

      server.dropAndTick(2);
      connects.await(WAIT);
      assertTrue(socket.recovered(), "the session was recovered");
      assertEquals(id, socket.id(), "same id after recovery");
      assertEquals(2, ticks.await(WAIT).get(0, Integer.class), "the missed event is replayed");
    }
  }

  @Test
  void reconnectionGivesUpAfterItsAttempts() throws Exception {
    TestServer server = start(TestServer.Spec.defaults());
    try (SocketIoClient client = new SocketIoClient()) {
      Socket socket = client.socket(server.url(), fastReconnect().reconnectionAttempts(2).build());
      Inbox<Boolean> connects = new Inbox<>();
      socket.onConnect(() -> connects.add(true));
      Inbox<Throwable> errors = new Inbox<>();
      Inbox<Boolean> failed = new Inbox<>();
      socket.io().onReconnectError(errors::add);
      socket.io().onReconnectFailed(() -> failed.add(true));
      connects.await(WAIT);
      server.close();
      errors.await(WAIT);
      errors.await(WAIT);
      assertTrue(failed.await(WAIT));
      assertFalse(socket.connected());
    }
  }

  @Test
  void noClientThreadRemainsAfterClose() throws Exception {
    try (TestServer server = start(TestServer.Spec.defaults())) {
      String prefix = "sio4j-threads-probe";
      java.util.Set<Thread> before = liveNonDaemonThreads();
      SocketIoClient client = new SocketIoClient();
      ClientOptions options = ClientOptions.builder().threadNamePrefix(prefix).build();
      Socket main = client.socket(server.url() + "/", options);
      Socket admin = client.socket(server.url() + "/admin", options);
      assertEquals("pong", main.emitWithAck("ack", "pong").get(10, TimeUnit.SECONDS).getString(0));
      assertEquals("pong", admin.emitWithAck("ack", "pong").get(10, TimeUnit.SECONDS).getString(0));
      assertTrue(countThreads(prefix) >= 2, "the client's managers run on threads named with the prefix");
      client.close();
      assertEquals(0, countThreads(prefix), "no thread of the client remains after close()");
      assertEquals(0, countThreads("sio4j-okhttp"), "the shared HTTP client's threads end with its last manager");
      java.util.Set<Thread> after = liveNonDaemonThreads();
      after.removeAll(before);
      after.removeIf(server::ownsThread);
      assertTrue(after.isEmpty(), "no other non-daemon thread left: " + after);

      // Closing the last socket of a manager releases its threads as well.
      Manager manager = new Manager(URI.create(server.url()), options);
      Socket socket = manager.socket("/").connect();
      assertEquals("x", socket.emitWithAck("ack", "x").get(10, TimeUnit.SECONDS).getString(0));
      socket.close();
      // the close itself may still be told to a listener on a thread that starts after close() returned and ends
      // once idle: wait until none is left for a while, not only for a moment
      long deadline = System.nanoTime() + WAIT.toNanos();
      long noneSince = -1;
      while (System.nanoTime() < deadline) {
        if (countThreads(prefix) > 0) {
          noneSince = -1;
        } else if (noneSince < 0) {
          noneSince = System.nanoTime();
        } else if (System.nanoTime() - noneSince > TimeUnit.SECONDS.toNanos(1)) {
          break;
        }
        Thread.sleep(10);
      }
      assertEquals(0, countThreads(prefix));
      assertTrue(manager.isClosed());
    }
  }

  @Test
  void managersOfOneClientShareTheirThreads() throws Exception {
    try (TestServer server = start(TestServer.Spec.defaults())) {
      String prefix = "sio4j-shared-probe";
      SocketIoClient client = new SocketIoClient();
      ClientOptions options = ClientOptions.builder().threadNamePrefix(prefix).forceNew(true).build();
      java.util.List<Socket> sockets = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sockets.add(client.socket(server.url() + "/", options));
      }
      // Each socket has a manager (a connection) of its own, and each listener sees its own acknowledgement in order.
      java.util.List<CompletableFuture<EventArgs>> acks = new java.util.ArrayList<>();
      for (int i = 0; i < sockets.size(); i++) {
        acks.add(sockets.get(i).emitWithAck("ack", "n" + i));
      }
      for (int i = 0; i < acks.size(); i++) {
        assertEquals("n" + i, acks.get(i).get(10, TimeUnit.SECONDS).getString(0));
      }
      assertEquals(20, sockets.stream().map(Socket::io).distinct().count());
      int loops = countThreads(prefix + "-io-");
      assertTrue(loops >= 1 && loops <= Runtime.getRuntime().availableProcessors(),
          "20 managers share a few loop threads, not one each: " + loops);
      client.close();
      assertEquals(0, countThreads(prefix), "no thread of the client remains after close()");
    }
  }

  @Test
  void theJvmExitsAfterClose() throws Exception {
    try (TestServer server = start(TestServer.Spec.defaults())) {
      String javaBin = java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
          ExitProbe.class.getName(), server.url()).redirectErrorStream(true).start();
      boolean exited = p.waitFor(30, TimeUnit.SECONDS);
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!exited) {
        p.destroyForcibly();
      }
      assertTrue(exited, "the JVM did not exit after close(): " + out);
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.contains("acknowledged probe"), out);
      for (String line : out.split("\n")) {
        if (line.startsWith("alive ")) {
          String name = line.substring(6);
          assertFalse(name.startsWith("sio4j") || name.contains("EventExecutor") || name.startsWith("nioEventLoop"),
              "a client thread outlived close(): " + name);
        }
      }
    }
  }

  static int countThreads(String prefix) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix)).count();
  }

  static java.util.Set<Thread> liveNonDaemonThreads() {
    java.util.Set<Thread> set = new java.util.HashSet<>();
    Thread.getAllStackTraces().keySet().forEach(t -> {
      if (t.isAlive() && !t.isDaemon()) {
        set.add(t);
      }
    });
    return set;
  }
}
