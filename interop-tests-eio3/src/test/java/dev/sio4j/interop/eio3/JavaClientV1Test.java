package dev.sio4j.interop.eio3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Java client {@code io.socket:socket.io-client} 1.0.2 (Engine.IO v3, Socket.IO protocol revision 4)
 * against a server with {@code allowEIO3}, over long-polling, WebSocket and the upgrade: it connects, exchanges events
 * with JSON and binary and acknowledgements both ways, joins a second namespace, and keeps its heartbeat.
 */
class JavaClientV1Test {
  private SocketIoServer io;
  private ServerBinding binding;
  private final List<Socket> clients = new ArrayList<>();
  private final BlockingQueue<dev.sio4j.server.Socket> serverSockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<Arguments> clientAnswers = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    io = SocketIoServer.create(ServerOptions.builder()
        // a short heartbeat: the client's pings (v3: the client pings) must keep the session open
        .engine(EngineOptions.builder().allowEIO3(true).pingIntervalMillis(200).pingTimeoutMillis(1_500).build())
        .build());
    io.onConnection(socket -> {
      socket.on("echo", event -> event.ack(event.args()));
      socket.on("ask-me", event -> socket.emitWithAck("question", 20).thenAccept(clientAnswers::add));
      serverSockets.add(socket);
    });
    io.of("/admin").onConnection(socket -> socket.emit("hello-admin", socket.namespace().name(),
        socket.handshake().auth().path("token").asText()));
    binding = io.listen(0);
  }

  @AfterEach
  void stop() {
    clients.forEach(Socket::close);
    io.close();
  }

  private Socket connect(String namespace, String transport, java.util.function.Consumer<Socket> before)
      throws Exception {
    IO.Options options = new IO.Options();
    options.transports = "upgrade".equals(transport) ? new String[] {"polling", "websocket"}
        : new String[] {transport};
    options.reconnection = false;
    options.forceNew = true;
    Socket socket = IO.socket("http://127.0.0.1:" + binding.address().getPort() + namespace, options);
    clients.add(socket);
    CompletableFuture<Void> connected = new CompletableFuture<>();
    socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
    socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
        new AssertionError("connect_error " + args[0])));
    socket.once(Socket.EVENT_ERROR, args -> connected.completeExceptionally(new AssertionError("error " + args[0])));
    before.accept(socket);
    socket.connect();
    connected.get(10, TimeUnit.SECONDS);
    return socket;
  }

  private static Object[] call(Socket socket, String event, Object... args) throws Exception {
    CompletableFuture<Object[]> answer = new CompletableFuture<>();
    socket.emit(event, args, (Ack) answer::complete);
    return answer.get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void connectsAndExchangesAcks(String transport) throws Exception {
    Socket client = connect("/", transport, s -> { });
    dev.sio4j.server.Socket serverSide = serverSockets.poll(5, TimeUnit.SECONDS);
    assertNotNull(serverSide);
    // revision 4: the socket id is the engine's, as the client computes it
    assertEquals(client.id(), serverSide.id());

    assertEquals("plain", call(client, "echo", "plain")[0]);
    Object[] echoed = call(client, "echo", 1, "two", new JSONObject().put("k", "v"), new byte[] {1, 2, 3});
    assertEquals(1, echoed[0]);
    assertEquals("two", echoed[1]);
    assertEquals("v", ((JSONObject) echoed[2]).getString("k"));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) echoed[3]);

    client.on("question", args -> ((Ack) args[args.length - 1]).call((Integer) args[0] * 2, new byte[] {9}));
    client.emit("ask-me");
    Arguments answer = clientAnswers.poll(10, TimeUnit.SECONDS);
    assertNotNull(answer);
    assertEquals(40, answer.get(0, Integer.class));
    assertArrayEquals(new byte[] {9}, answer.bytes(1));

    BlockingQueue<Object> admin = new LinkedBlockingQueue<>();
    connect("/admin?token=abc", transport, s -> s.on("hello-admin", args -> admin.add(args[0] + " " + args[1])));
    assertEquals("/admin abc", admin.poll(10, TimeUnit.SECONDS));

    // past pingInterval + pingTimeout (1.7 s) with no other traffic, the session is still open and answers
    Thread.sleep(2_500);
    assertEquals("still", call(client, "echo", "still")[0]);
  }
}
