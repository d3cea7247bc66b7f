package dev.sio4j.interop.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.client.AckTimeoutException;
import dev.sio4j.client.ClientOptions;
import dev.sio4j.client.ConnectErrorException;
import dev.sio4j.client.DisconnectReason;
import dev.sio4j.client.EventArgs;
import dev.sio4j.client.Manager;
import dev.sio4j.client.Socket;
import dev.sio4j.client.SocketIoClient;
import dev.sio4j.client.TransportType;
import dev.sio4j.protocol.socketio.SocketIoParser;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The Java client's scenarios, run against each server by a subclass: events, binary, acks both ways,
 * namespaces over one connection, rooms, auth refusal, transports and upgrade, retries, maxPayload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
abstract class ClientScenarios {
  static final Duration WAIT = Duration.ofSeconds(10);

  /** A record whose fields travel as a JSON object. */
  record Message(String text, int n, byte[] blob) {
  }

  private TestServer server;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  protected abstract TestServer start(TestServer.Spec spec) throws Exception;

  /** The parser of the server and the clients: {@code "json"} (the default) or {@code "msgpack"}. */
  protected String parser() {
    return "json";
  }

  TestServer.Spec spec() {
    return TestServer.Spec.defaults().parser(parser());
  }

  /** The default client options, with the scenario's parser. */
  ClientOptions options() {
    return builder().build();
  }

  /** A builder of client options with the scenario's parser. */
  ClientOptions.Builder builder() {
    return ClientOptions.builder().parser(SocketIoParser.named(parser()));
  }

  @BeforeAll
  void startServer() throws Exception {
    server = start(spec());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void closeClients() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    toClose.clear();
  }

  SocketIoClient client() {
    SocketIoClient c = new SocketIoClient();
    toClose.add(c);
    return c;
  }

  Socket connect(String nsp, ClientOptions options) throws Exception {
    Socket socket = client().socket(server.url() + nsp, options);
    awaitConnected(socket);
    return socket;
  }

  static void awaitConnected(Socket socket) throws Exception {
    Inbox<Boolean> connected = new Inbox<>();
    socket.onConnect(() -> connected.add(true));
    if (!socket.connected()) {
      connected.await(WAIT);
    }
    assertTrue(socket.connected());
    assertNotNull(socket.id());
  }

  static Inbox<EventArgs> inbox(Socket socket, String event) {
    Inbox<EventArgs> inbox = new Inbox<>();
    socket.on(event, inbox::add);
    return inbox;
  }

  static JsonNode whoami(Socket socket) throws Exception {
    return socket.emitWithAck("whoami").get(10, TimeUnit.SECONDS).get(0);
  }

  @Test
  void connectionStateRecoveryOverEachTransport() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(parser().equals("json"),
        "with the default parser, ClientResilience runs this scenario");
    try (TestServer recovering = start(spec().withRecovery())) {
      for (TransportType t : TransportType.values()) {
        ClientResilience.recovers(recovering, ClientResilience.fastReconnect().transports(t)
            .parser(SocketIoParser.named(parser())).build());
      }
    }
  }

  @Test
  void eventsCarryTypedPayloads() throws Exception {
    Socket socket = connect("/", options());
    Inbox<EventArgs> echo = inbox(socket, "echo");
    socket.emit("echo", "hello", 42, Map.of("k", List.of(1, 2)), null);
    EventArgs args = echo.await();
    assertEquals(4, args.size());
    assertEquals("hello", args.getString(0));
    assertEquals(42, args.get(1, Integer.class));
    assertEquals(List.of(1, 2), args.get(2).get("k").traverse(new com.fasterxml.jackson.databind.ObjectMapper())
        .readValueAs(List.class));
    assertTrue(args.get(3).isNull());
  }

  @Test
  void binaryTravelsAsBytes() throws Exception {
    Socket socket = connect("/", options());
    Inbox<EventArgs> echo = inbox(socket, "echo");
    byte[] bytes = new byte[300];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    socket.emit("echo", bytes, new Message("with blob", 7, new byte[] {1, 2, 3}));
    EventArgs args = echo.await();
    assertArrayEquals(bytes, args.getBytes(0));
    Message m = args.get(1, Message.class);
    assertEquals("with blob", m.text());
    assertArrayEquals(new byte[] {1, 2, 3}, m.blob());
    assertTrue(args.get(1).get("blob").isBinary(), "nested bytes travel as an attachment");
  }

  @Test
  void acksFromServerByFutureAndCallback() throws Exception {
    Socket socket = connect("/", options());
    EventArgs result = socket.emitWithAck("ack", 1, "two", new byte[] {9}).get(10, TimeUnit.SECONDS);
    assertEquals(1, result.get(0, Integer.class));
    assertEquals("two", result.getString(1));
    assertArrayEquals(new byte[] {9}, result.getBytes(2));

    Inbox<EventArgs> byCallback = new Inbox<>();
    socket.emit("ack", "cb", (dev.sio4j.client.AckCallback) (error, args) -> byCallback.add(args));
    assertEquals("cb", byCallback.await().getString(0));
  }

  @Test
  void ackTimeoutFails() throws Exception {
    Socket socket = connect("/", options());
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> socket.timeout(Duration.ofMillis(200)).emitWithAck("noAck").get(10, TimeUnit.SECONDS));
    assertInstanceOf(AckTimeoutException.class, e.getCause());
  }

  @Test
  void acksToServer() throws Exception {
    Socket socket = connect("/", options());
    socket.on("serverAsks", args -> args.ack(args.get(0, Integer.class) * 2, new byte[] {4, 2}));
    Inbox<EventArgs> answered = inbox(socket, "clientAnswered");
    socket.emit("askClient", 21);
    EventArgs answer = answered.await();
    assertEquals(42, answer.get(0, Integer.class));
    assertArrayEquals(new byte[] {4, 2}, answer.getBytes(1), "a binary ack from the client");
  }

  @Test
  void namespacesShareOneConnection() throws Exception {
    SocketIoClient client = client();
    Socket main = client.socket(server.url() + "/", options());
    Socket admin = client.socket(server.url() + "/admin", options());
    awaitConnected(main);
    awaitConnected(admin);
    assertTrue(main.io() == admin.io(), "one manager");
    JsonNode a = whoami(main);
    JsonNode b = whoami(admin);
    assertEquals(a.get("engineId"), b.get("engineId"), "one Engine.IO session");
    assertNotEquals(a.get("id"), b.get("id"));
    Inbox<EventArgs> adminEcho = inbox(admin, "echo");
    Inbox<EventArgs> mainEcho = inbox(main, "echo");
    admin.emit("echo", "to admin");
    assertEquals("to admin", adminEcho.await().getString(0));
    main.emit("echo", "to main");
    assertEquals("to main", mainEcho.await().getString(0));

    // Socket-level options per namespace, over the same connection.
    Socket secure = client.socket(server.url() + "/secure",
        builder().auth(Map.of("token", "good")).build());
    awaitConnected(secure);
    assertTrue(secure.io() == main.io());
    assertEquals("good", whoami(secure).get("auth").get("token").asText());

    Socket separate = client.socket(URI.create(server.url() + "/admin"),
        builder().forceNew(true).build());
    awaitConnected(separate);
    assertTrue(separate.io() != admin.io(), "forceNew makes a new manager");
    assertNotEquals(whoami(separate).get("engineId"), a.get("engineId"));
  }

  @Test
  void roomsReachTheirMembers() throws Exception {
    Socket alice = connect("/", options());
    Socket bob = connect("/", options());
    Inbox<EventArgs> aliceRoom = inbox(alice, "roomMessage");
    Inbox<EventArgs> bobRoom = inbox(bob, "roomMessage");
    alice.emit("join", "r1");
    bob.emit("join", "r2");
    // Acks order the joins before the broadcasts.
    whoami(alice);
    whoami(bob);
    bob.emit("toRoom", "r1", "for r1");
    alice.emit("toRoom", "r2", "for r2");
    EventArgs a = aliceRoom.await();
    assertEquals("r1", a.getString(0));
    assertEquals("for r1", a.getString(1));
    EventArgs b = bobRoom.await();
    assertEquals("r2", b.getString(0));
    assertTrue(aliceRoom.isEmpty());
  }

  @Test
  void authRefusalAndSuccess() throws Exception {
    Socket refused = client().socket(server.url() + "/secure",
        builder().auth(Map.of("token", "bad")).build());
    Inbox<ConnectErrorException> errors = new Inbox<>();
    refused.onConnectError(errors::add);
    ConnectErrorException e = errors.await();
    assertEquals("unauthorized", e.getMessage());
    assertTrue(e.refusedByServer());
    assertEquals("bad token", e.data().get("reason").asText());
    assertFalse(refused.connected());
    assertFalse(refused.active(), "a refused socket does not retry");

    AtomicInteger asked = new AtomicInteger();
    Socket accepted = connect("/secure", builder().auth(() -> {
      asked.incrementAndGet();
      return Map.of("token", "good");
    }).build());
    assertEquals("good", whoami(accepted).get("auth").get("token").asText());
    assertEquals(1, asked.get());
  }

  @Test
  void pollingOnly() throws Exception {
    Socket socket = connect("/", builder().transports(TransportType.POLLING).build());
    assertEquals("polling", whoami(socket).get("transport").asText());
    Inbox<EventArgs> echo = inbox(socket, "echo");
    socket.emit("echo", "over polling", new byte[] {4, 5});
    EventArgs args = echo.await();
    assertEquals("over polling", args.getString(0));
    assertArrayEquals(new byte[] {4, 5}, args.getBytes(1));
    assertEquals("polling", socket.io().transport());
  }

  @Test
  void webSocketOnly() throws Exception {
    Socket socket = connect("/", builder().transports(TransportType.WEBSOCKET).build());
    assertEquals("websocket", whoami(socket).get("transport").asText());
    Inbox<EventArgs> echo = inbox(socket, "echo");
    socket.emit("echo", "over websocket", new byte[] {6});
    EventArgs args = echo.await();
    assertEquals("over websocket", args.getString(0));
    assertArrayEquals(new byte[] {6}, args.getBytes(1));
  }

  @Test
  void upgradesFromPollingToWebSocket() throws Exception {
    Socket socket = connect("/", options());
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!"websocket".equals(socket.io().transport()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals("websocket", socket.io().transport());
    assertEquals("websocket", whoami(socket).get("transport").asText());
    Inbox<EventArgs> echo = inbox(socket, "echo");
    socket.emit("echo", "after upgrade");
    assertEquals("after upgrade", echo.await().getString(0));
  }

  @Test
  void queryAndHeadersReachTheServer() throws Exception {
    for (TransportType t : TransportType.values()) {
      Socket socket = connect("/", builder().transports(t).query("room", "blue")
          .extraHeader("X-Sio4j-Test", "yes").build());
      JsonNode me = whoami(socket);
      assertEquals("blue", me.get("query").get("room").asText(), t.name());
      assertEquals("yes", me.get("header").asText(), t.name());
    }
  }

  @Test
  void serverDisconnectEndsTheSocket() throws Exception {
    Socket socket = connect("/", options());
    Inbox<DisconnectReason> reasons = new Inbox<>();
    socket.onDisconnect((reason, cause) -> reasons.add(reason));
    Inbox<EventArgs> jsStyle = new Inbox<>();
    socket.on("disconnect", jsStyle::add);
    java.util.concurrent.CompletableFuture<EventArgs> neverAcked = socket.emitWithAck("noAck");
    socket.emit("disconnectMe");
    assertEquals(DisconnectReason.IO_SERVER_DISCONNECT, reasons.await());
    assertEquals("io server disconnect", jsStyle.await().getString(0));
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> neverAcked.get(10, TimeUnit.SECONDS));
    assertInstanceOf(dev.sio4j.client.SocketDisconnectedException.class, e.getCause(),
        "a pending ack fails when the socket disconnects");
    assertFalse(socket.connected());
    assertFalse(socket.active(), "no reconnection after the server's disconnect");
  }

  @Test
  void clientDisconnectThenConnectAgain() throws Exception {
    Socket socket = connect("/", options());
    Inbox<DisconnectReason> reasons = new Inbox<>();
    socket.onDisconnect((reason, cause) -> reasons.add(reason));
    socket.disconnect();
    assertEquals(DisconnectReason.IO_CLIENT_DISCONNECT, reasons.await());
    assertFalse(socket.active());
    socket.connect();
    awaitConnected(socket);
    assertEquals("again", socket.emitWithAck("ack", "again").get(10, TimeUnit.SECONDS).getString(0));
  }

  @Test
  void retriesResendUntilAcknowledged() throws Exception {
    Socket socket = connect("/", builder().retries(3).ackTimeout(Duration.ofMillis(300)).build());
    // The server acknowledges only every third delivery of "flaky".
    EventArgs ok = socket.emitWithAck("flaky", 1).get(10, TimeUnit.SECONDS);
    assertEquals("ok 1", ok.getString(0));
  }

  @Test
  void pollingRespectsTheServersMaxPayload() throws Exception {
    try (TestServer small = start(spec().maxHttpBufferSize(2000))) {
      SocketIoClient client = client();
      Socket socket = client.socket(small.url(), builder().transports(TransportType.POLLING).build());
      awaitConnected(socket);
      String chunk = "x".repeat(600);
      for (int i = 0; i < 10; i++) {
        socket.emit("record", i, chunk);
      }
      for (int i = 0; i < 10; i++) {
        String record = small.awaitRecord(WAIT);
        assertTrue(record.startsWith("[" + i + ","), record);
      }
      assertTrue(socket.connected(), "no POST went over maxPayload");
    }
  }

  @Test
  void volatileEmitsAreDroppedWhileDisconnectedOthersBuffered() throws Exception {
    Manager manager = new Manager(URI.create(server.url()), options());
    toClose.add(manager);
    Socket socket = manager.socket("/");
    Inbox<EventArgs> outgoing = new Inbox<>();
    socket.onAnyOutgoing((event, args) -> outgoing.add(args));
    socket.asVolatile().emit("record", "volatile");
    socket.emit("record", "buffered");
    assertFalse(socket.connected());
    socket.connect();
    awaitConnected(socket);
    assertEquals("[\"buffered\"]", server.awaitRecord(WAIT));
    assertEquals("buffered", outgoing.await().getString(0));
    socket.emit("record", "after");
    assertEquals("[\"after\"]", server.awaitRecord(WAIT), "the volatile emit was never sent");
  }

  @Test
  void onAnySeesIncomingEvents() throws Exception {
    Socket socket = connect("/", options());
    Inbox<String> any = new Inbox<>();
    socket.onAny((event, args) -> any.add(event + ":" + args.getString(0)));
    Inbox<EventArgs> once = new Inbox<>();
    socket.once("echo", once::add);
    socket.emit("echo", "one");
    socket.emit("echo", "two");
    assertEquals("echo:one", any.await());
    assertEquals("echo:two", any.await());
    assertEquals("one", once.await().getString(0));
    assertTrue(once.isEmpty(), "once listens to one event only");
  }

  @Test
  void manyEmitsArriveInOrderOnEachTransport() throws Exception {
    for (TransportType t : TransportType.values()) {
      Socket socket = connect("/", builder().transports(t).build());
      int n = 300;
      for (int i = 0; i < n; i++) {
        socket.emit("record", i);
      }
      for (int i = 0; i < n; i++) {
        assertEquals("[" + i + "]", server.awaitRecord(WAIT), t.name());
      }
    }
  }

  @Test
  void managerEventsAndOptionsAreExposed() throws Exception {
    Manager manager = new Manager(URI.create(server.url()), options());
    toClose.add(manager);
    Inbox<Boolean> opened = new Inbox<>();
    manager.onOpen(() -> opened.add(true));
    Socket socket = manager.socket("/");
    socket.connect();
    awaitConnected(socket);
    assertTrue(opened.await());
  }
}
