package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.AllowRequest;
import dev.sio4j.engine.ConnectionError;
import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.engineio.EngineIoPacketType;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.RoomEvent;
import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What operators hook into, against a real server and the official npm {@code socket.io-client}: the engine's
 * connection errors, the adapter's room events, a session's own events ({@code socket.conn}) and the session id
 * generator.
 */
class OperatorHooksTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  // connects (polling, then the upgrade to WebSocket), says hello with an ack, prints what it saw, disconnects
  private static final String CLIENT = """
      const { io } = require("socket.io-client");
      const [, , url, refuse] = process.argv;
      const socket = io(url, { reconnection: false, forceNew: true, query: refuse ? { refuse } : {} });
      socket.on("connect_error", (e) => { console.log("connect_error " + e.message); process.exit(0); });
      socket.on("connect", async () => {
        const engine = socket.io.engine;
        console.log("sid " + engine.id);
        // the upgrade may be over before "connect": then there is no event to wait for
        await new Promise((r) => (engine.transport.name === "websocket" ? r() : engine.once("upgrade", r)));
        const answer = await socket.emitWithAck("hello", 1);
        console.log("answer " + answer);
        socket.on("bye", () => { socket.disconnect(); console.log("done"); });
        socket.emit("ready");
      });
      """;

  private SocketIoServer io;

  @AfterEach
  void stop() {
    if (io != null) {
      io.close();
    }
  }

  private ServerBinding start(ServerOptions options) {
    io = SocketIoServer.create(options);
    return io.listen(0);
  }

  private static String url(ServerBinding binding) {
    return "http://127.0.0.1:" + binding.address().getPort();
  }

  @Test
  void connectionErrorsCarryTheRequestTheCodeAndTheMessage() throws Exception {
    BlockingQueue<ConnectionError> errors = new LinkedBlockingQueue<>();
    ServerBinding binding = start(ServerOptions.builder().engine(EngineOptions.builder()
        .allowRequest(request -> request.queryParameter("refuse") == null ? AllowRequest.Decision.allow()
            : AllowRequest.Decision.refuse("Forbidden")).build()).build());
    io.onConnectionError(errors::add);

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(url(binding) + "/socket.io/?EIO=4&transport=carrier-pigeon")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    ConnectionError unknown = errors.poll(5, TimeUnit.SECONDS);
    assertNotNull(unknown);
    assertEquals(0, unknown.code());
    assertEquals("Transport unknown", unknown.message());
    assertTrue(unknown.request().uri().contains("transport=carrier-pigeon"), unknown.request().uri());

    try (NodePeer client = NodePeer.startScript(CLIENT, url(binding), "yes")) {
      client.awaitLine(l -> l.startsWith("connect_error"), TIMEOUT);
    }
    ConnectionError forbidden = errors.poll(5, TimeUnit.SECONDS);
    assertNotNull(forbidden);
    assertEquals(4, forbidden.code());
    assertEquals("Forbidden", forbidden.message());
    assertEquals(List.of("yes"), forbidden.request().query().get("refuse"));
  }

  @Test
  void sessionIdsComeFromTheGenerator() throws Exception {
    AtomicInteger counter = new AtomicInteger();
    ServerBinding binding = start(ServerOptions.builder().engine(EngineOptions.builder()
        .generateId(request -> "custom-" + counter.incrementAndGet()).build()).build());
    BlockingQueue<String> ids = new LinkedBlockingQueue<>();
    io.onConnection(socket -> {
      ids.add(socket.conn().id());
      socket.on("hello", event -> event.ack(2));
      socket.on("ready", event -> socket.emit("bye"));
    });
    try (NodePeer client = NodePeer.startScript(CLIENT, url(binding))) {
      assertEquals("sid custom-1", client.awaitLine(l -> l.startsWith("sid"), TIMEOUT));
      assertEquals("custom-1", ids.poll(5, TimeUnit.SECONDS));
      client.awaitLine("done", TIMEOUT);
    }
  }

  @Test
  void aSessionTellsItsUpgradePacketsDrainAndClose() throws Exception {
    ServerBinding binding = start(ServerOptions.defaults());
    List<String> upgrades = new CopyOnWriteArrayList<>();
    List<EngineIoPacket> received = new CopyOnWriteArrayList<>();
    List<EngineIoPacket> created = new CopyOnWriteArrayList<>();
    AtomicInteger drains = new AtomicInteger();
    BlockingQueue<EngineCloseReason> closes = new LinkedBlockingQueue<>();
    List<String> transportOnceListening = new CopyOnWriteArrayList<>();
    io.onConnection(socket -> {
      socket.conn().onUpgrade(upgrades::add).onPacket(received::add).onPacketCreate(created::add)
          .onDrain(drains::incrementAndGet).onClose((reason, description) -> closes.add(reason));
      // the client upgrades while it connects: the upgrade may be over before this handler runs
      transportOnceListening.add(socket.conn().transport());
      socket.on("hello", event -> event.ack(2));
      socket.on("ready", event -> socket.emit("bye"));
    });
    try (NodePeer client = NodePeer.startScript(CLIENT, url(binding))) {
      assertEquals("answer 2", client.awaitLine(l -> l.startsWith("answer"), TIMEOUT));
      client.awaitLine("done", TIMEOUT);
      EngineCloseReason reason = closes.poll(5, TimeUnit.SECONDS);
      assertNotNull(reason);
    }
    if (transportOnceListening.equals(List.of("polling"))) {
      assertEquals(List.of("websocket"), upgrades, "an upgrade after the listener was added is told");
    } else {
      assertTrue(upgrades.size() <= 1 && !upgrades.contains("polling"), upgrades.toString());
    }
    // the client's hello (2["hello",1]), ready and DISCONNECT (1) came as MESSAGE packets
    List<String> messages = received.stream().filter(p -> p.type() == EngineIoPacketType.MESSAGE)
        .map(EngineIoPacket::text).toList();
    assertTrue(messages.contains("20[\"hello\",1]"), messages.toString());
    assertTrue(messages.contains("2[\"ready\"]"), messages.toString());
    assertTrue(messages.contains("1"), messages.toString());
    // the server's ack (30[2]) and bye went out as MESSAGE packets
    List<String> sent = created.stream().filter(p -> p.type() == EngineIoPacketType.MESSAGE)
        .map(EngineIoPacket::text).toList();
    assertTrue(sent.contains("2[\"bye\"]"), sent.toString());
    assertTrue(sent.stream().anyMatch(t -> t.matches("3\\d+\\[2]")), sent.toString());
    assertTrue(drains.get() >= 1, "drains: " + drains.get());
  }

  @Test
  void theAdapterTellsRoomsCreatedJoinedLeftAndDeleted() throws Exception {
    ServerBinding binding = start(ServerOptions.defaults());
    List<RoomEvent> events = new CopyOnWriteArrayList<>();
    io.sockets().onRoomEvent(events::add);
    BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    io.onConnection(socket -> {
      sockets.add(socket);
      socket.on("hello", event -> {
        socket.join("red");
        socket.join("red");
        socket.leave("red");
        socket.leave("red");
        event.ack(2);
      });
      socket.on("ready", event -> {
        socket.join("blue");
        socket.emit("bye");
      });
    });
    String sid;
    try (NodePeer client = NodePeer.startScript(CLIENT, url(binding))) {
      client.awaitLine("done", TIMEOUT);
      sid = sockets.poll(5, TimeUnit.SECONDS).id();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (events.size() < 12 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertEquals(List.of(
        new RoomEvent(RoomEvent.Type.CREATE, sid, null), new RoomEvent(RoomEvent.Type.JOIN, sid, sid),
        new RoomEvent(RoomEvent.Type.CREATE, "red", null), new RoomEvent(RoomEvent.Type.JOIN, "red", sid),
        new RoomEvent(RoomEvent.Type.LEAVE, "red", sid), new RoomEvent(RoomEvent.Type.DELETE, "red", null),
        new RoomEvent(RoomEvent.Type.CREATE, "blue", null), new RoomEvent(RoomEvent.Type.JOIN, "blue", sid)),
        events.subList(0, 8));
    // on disconnect it leaves both rooms, each deleted as it empties (in no set order between the two)
    assertEquals(java.util.Set.of(
        new RoomEvent(RoomEvent.Type.LEAVE, sid, sid), new RoomEvent(RoomEvent.Type.DELETE, sid, null),
        new RoomEvent(RoomEvent.Type.LEAVE, "blue", sid), new RoomEvent(RoomEvent.Type.DELETE, "blue", null)),
        java.util.Set.copyOf(events.subList(8, events.size())));
    assertEquals(12, events.size());
  }
}
