package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.InMemoryAdapter;
import dev.sio4j.testing.NodePeer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code warmUpConnections}: {@code listen} first runs that many real connections against a private copy of the
 * server, none of which reaches the application (its listeners, middlewares, request and header hooks, its adapter),
 * and then serves real clients as usual.
 */
class WarmUpTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern SAID = Pattern.compile("warmed up with (\\d+) connections in \\d+ ms \\((\\d+) failed\\)");
  private static final String CLIENT = """
      const { io } = require("socket.io-client");
      const socket = io(process.argv[2], { reconnection: false });
      socket.on("connect", async () => {
        console.log("answer " + await socket.emitWithAck("hello", "world"));
        socket.disconnect();
      });
      socket.on("connect_error", (e) => console.log("connect_error " + e.message));
      """;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.sio4j.server.WarmUp");
  private SocketIoServer io;

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(logs);
    if (io != null) {
      io.close();
    }
  }

  @Test
  void theApplicationSeesNoneOfTheWarmUpAndServesItsClientsAfterIt() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    AtomicInteger headers = new AtomicInteger();
    AtomicInteger adapters = new AtomicInteger();
    AtomicInteger middlewares = new AtomicInteger();
    AtomicInteger connections = new AtomicInteger();
    io = SocketIoServer.create(ServerOptions.builder()
        .warmUpConnections(400)
        .adapterFactory(namespace -> {
          adapters.incrementAndGet();
          return new InMemoryAdapter(namespace);
        })
        .engine(EngineOptions.builder()
            .allowRequest(request -> {
              requests.incrementAndGet();
              return AllowRequest.Decision.allow();
            })
            .headers((request, h) -> headers.incrementAndGet())
            .build())
        .build());
    io.use((socket, next) -> {
      middlewares.incrementAndGet();
      next.proceed();
    });
    io.onConnection(socket -> {
      connections.incrementAndGet();
      socket.on("hello", event -> event.ack("hi " + event.arg(0, String.class)));
    });
    int adaptersBefore = adapters.get();

    ServerBinding binding = io.listen(0);

    assertEquals(List.of(400, 0), said(), "every warm-up connection went through");
    assertEquals(0, requests.get() + headers.get() + middlewares.get() + connections.get(),
        "no hook, middleware or listener of the application ran");
    assertEquals(adaptersBefore, adapters.get(), "the application's adapter factory was not asked");
    assertTrue(awaitNoWarmUpThread(), "the warm-up's thread is gone");

    try (NodePeer client = NodePeer.startScript(CLIENT, "http://127.0.0.1:" + binding.address().getPort())) {
      client.awaitLine("answer hi world", TIMEOUT);
    }
    assertEquals(1, connections.get());
    assertEquals(1, middlewares.get());
    assertTrue(requests.get() >= 1, "the official client's handshake asked allowRequest");
  }

  @Test
  void onlyTheAllowedTransportIsUsedWhateverTheParserAndRecovery() throws Exception {
    io = SocketIoServer.create(ServerOptions.builder()
        .warmUpConnections(60)
        .parser(SocketIoParser.msgpack())
        .connectionStateRecovery(ConnectionStateRecovery.defaults())
        .engine(EngineOptions.builder().transports(Set.of(EngineOptions.Transport.POLLING)).build())
        .build());
    io.listen(0);
    assertEquals(List.of(60, 0), said());
  }

  @Test
  void aFewConnectionsByDefaultAndOneAnnouncedAddress() throws Exception {
    ListAppender<ILoggingEvent> announced = new ListAppender<>();
    Logger netty = (Logger) LoggerFactory.getLogger(NettyServer.class);
    announced.start();
    netty.addAppender(announced);
    try {
      io = SocketIoServer.create();
      io.onConnection(socket -> socket.on("hello", event -> event.ack("hi " + event.arg(0, String.class))));
      ServerBinding binding = io.listen(0);
      assertEquals(List.of(ServerOptions.DEFAULT_WARM_UP_CONNECTIONS, 0), said());
      List<String> listening = announced.list.stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
          .map(ILoggingEvent::getFormattedMessage)
          .filter(m -> m.startsWith("sio4j listening on"))
          .toList();
      assertEquals(1, listening.size(), "only the server in service says where it listens: " + listening);
      assertTrue(listening.get(0).contains(":" + binding.address().getPort() + " "), listening.get(0));
      try (NodePeer client = NodePeer.startScript(CLIENT, "http://127.0.0.1:" + binding.address().getPort())) {
        client.awaitLine("answer hi world", TIMEOUT);
      }
    } finally {
      netty.detachAppender(announced);
    }
  }

  @Test
  void noWarmUpWhenSaid() {
    io = SocketIoServer.create(ServerOptions.builder().warmUpConnections(0).build());
    io.listen(0);
    assertEquals(List.of(), said());
  }

  private List<Integer> said() {
    for (ILoggingEvent event : logs.list) {
      Matcher m = SAID.matcher(event.getFormattedMessage());
      if (m.matches()) {
        return List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
    }
    return List.of();
  }

  private static boolean awaitNoWarmUpThread() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("sio4j-warm-up"))) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}
