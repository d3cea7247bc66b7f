package dev.sio4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A known traffic pattern from the official npm {@code socket.io-client}, and each meter checked exactly: three
 * clients over WebSocket, two events each, one ack each, one refused handshake, one broadcast to a room of two.
 */
class SocketIoMetricsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  // node script <url> <name>...: each name connects over WebSocket, sends "msg" twice, answers "ask" with "ok",
  // prints what it gets; a name "refused" asks for a refusal
  private static final String CLIENTS = """
      const { io } = require("socket.io-client");
      const [, , url, ...names] = process.argv;
      for (const name of names) {
        const socket = io(url, { transports: ["websocket"], reconnection: false, forceNew: true,
          query: { name } });
        socket.on("connect_error", (e) => console.log(name + " connect_error " + e.message));
        socket.on("ask", (ack) => ack("ok"));
        socket.on("news", () => console.log(name + " news"));
        socket.on("connect", () => {
          socket.emit("msg", 1);
          socket.emit("msg", 1);
        });
      }
      """;

  private SocketIoServer io;

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  @Test
  void eachMeterCountsAKnownTrafficPattern() throws Exception {
    io = SocketIoServer.create(ServerOptions.builder().engine(EngineOptions.builder()
        .pingIntervalMillis(60_000)
        .allowRequest(request -> "refused".equals(request.queryParameter("name"))
            ? AllowRequest.Decision.refuse("Forbidden") : AllowRequest.Decision.allow())
        .build()).build());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SocketIoMetrics.bind(io, registry);
    Map<String, Socket> sockets = new ConcurrentHashMap<>();
    CountDownLatch messages = new CountDownLatch(6);
    io.onConnection(socket -> {
      socket.on("msg", event -> messages.countDown());
      sockets.put(socket.handshake().query().get("name").get(0), socket);
    });
    ServerBinding binding = io.listen(0);
    try (NodePeer clients = NodePeer.startScript(CLIENTS, "http://127.0.0.1:" + binding.address().getPort(),
        "a", "b", "c", "refused")) {
      clients.awaitLine(l -> l.startsWith("refused connect_error"), TIMEOUT);
      assertTrue(messages.await(10, TimeUnit.SECONDS));
      List<CompletableFuture<Arguments>> acks = sockets.values().stream()
          .map(s -> s.timeout(Duration.ofSeconds(5)).emitWithAck("ask")).toList();
      for (CompletableFuture<Arguments> ack : acks) {
        assertEquals("ok", ack.get(10, TimeUnit.SECONDS).get(0, String.class));
      }
      sockets.get("a").join("room");
      sockets.get("b").join("room");
      io.to("room").emit("news");
      // in either order (awaitLine skips the lines that do not match)
      java.util.Set<String> news = new java.util.HashSet<>(java.util.Set.of("a news", "b news"));
      while (!news.isEmpty()) {
        news.remove(clients.awaitLine(news::contains, TIMEOUT));
      }

      assertEquals(3.0, registry.get("sio4j.sockets.connected").tag("namespace", "/").gauge().value());
      assertEquals(3.0, registry.get("sio4j.engine.sessions").tag("transport", "websocket").gauge().value());
      assertEquals(0.0, registry.get("sio4j.engine.sessions").tag("transport", "polling").gauge().value());
      // in: a CONNECT "40" (2 bytes), two 42["msg",1] (11), one ack 430["ok"] (9) per client
      assertEquals(3 * 4.0, registry.get("sio4j.engine.packets").tag("direction", "in").counter().count());
      assertEquals(3 * (2 + 2 * 11 + 9.0), registry.get("sio4j.engine.bytes").tag("direction", "in").counter().count());
      // out: a CONNECT answer 40{"sid":"<20 characters>"} (32 bytes) and an ask 420["ask"] (10) per client; news
      // 42["news"] (10) to two of them
      assertEquals(3 * 2 + 2.0, registry.get("sio4j.engine.packets").tag("direction", "out").counter().count());
      assertEquals(3 * (32 + 10) + 2 * 10.0,
          registry.get("sio4j.engine.bytes").tag("direction", "out").counter().count());
      assertEquals(1.0, registry.get("sio4j.broadcasts").tag("namespace", "/").counter().count());
      assertEquals(2.0, registry.get("sio4j.broadcast.deliveries").tag("namespace", "/").counter().count());
      assertEquals(1.0, registry.get("sio4j.engine.connection.errors").tag("code", "4").counter().count());
      assertEquals(1, registry.find("sio4j.engine.connection.errors").counters().size());
      assertNull(registry.find("sio4j.connect.errors").counter());
      assertEquals(3, registry.get("sio4j.ack.roundtrip").tag("namespace", "/").timer().count());
      // a write leaves the buffer when the transport reports it written, which may come after the client has
      // already printed what it got
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (registry.get("sio4j.engine.send.buffer.max.bytes").gauge().value() != 0.0
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(0.0, registry.get("sio4j.engine.send.buffer.bytes").gauge().value());
      assertEquals(0.0, registry.get("sio4j.engine.send.buffer.max.bytes").gauge().value());
    }
  }

  @Test
  void aRefusedNamespaceConnectionCountsAsAConnectError() throws Exception {
    io = SocketIoServer.create();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SocketIoMetrics metrics = SocketIoMetrics.bind(io, registry);
    io.of("/private").use((socket, next) -> next.fail(new Exception("not you")));
    ServerBinding binding = io.listen(0);
    try (NodePeer client = NodePeer.startScript(CLIENTS,
        "http://127.0.0.1:" + binding.address().getPort() + "/private", "d")) {
      client.awaitLine("d connect_error not you", TIMEOUT);
    }
    assertEquals(1.0, registry.get("sio4j.connect.errors").tag("namespace", "/private").counter().count());
    metrics.close();
    assertNull(registry.find("sio4j.engine.packets").counter());
    assertNull(registry.find("sio4j.sockets.connected").gauge());
  }
}
