package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.Arguments;
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
 * The core scenarios with the official Java client {@code io.socket:socket.io-client} 2.1.1, over long-polling and
 * WebSocket: events with JSON and binary, acknowledgements both ways, a second namespace, a room broadcast, and a
 * server-side disconnect.
 */
class JavaClientTest {
  private SocketIoServer io;
  private ServerBinding binding;
  private final List<Socket> clients = new ArrayList<>();
  private final BlockingQueue<dev.sio4j.server.Socket> serverSockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<Arguments> clientAnswers = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    io = SocketIoServer.create();
    io.onConnection(socket -> {
      socket.on("echo", event -> event.ack(event.args()));
      socket.on("join", event -> {
        socket.join(event.arg(0, String.class));
        event.ack("joined");
      });
      socket.on("ask-me", event -> socket.emitWithAck("question", 20).thenAccept(clientAnswers::add));
      serverSockets.add(socket);
    });
    io.of("/admin").onConnection(socket -> socket.emit("hello-admin", socket.namespace().name()));
    binding = io.listen(0);
  }

  @AfterEach
  void stop() {
    clients.forEach(Socket::close);
    io.close();
  }

  private Socket connect(String namespace, String transport) throws Exception {
    return connect(namespace, transport, socket -> { });
  }

  private Socket connect(String namespace, String transport, java.util.function.Consumer<Socket> before)
      throws Exception {
    IO.Options options = IO.Options.builder()
        .setTransports(new String[] {transport})
        .setReconnection(false)
        .setForceNew(true)
        .build();
    Socket socket = IO.socket(NodeClients.url(binding) + namespace, options);
    clients.add(socket);
    CompletableFuture<Void> connected = new CompletableFuture<>();
    socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
    socket.once(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
        new AssertionError("connect_error " + args[0])));
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
  @ValueSource(strings = {"polling", "websocket"})
  void coreScenarios(String transport) throws Exception {
    Socket client = connect("/", transport);
    dev.sio4j.server.Socket serverSide = serverSockets.poll(5, TimeUnit.SECONDS);
    assertNotNull(serverSide);

    // events and acks with JSON and binary
    assertEquals("plain", call(client, "echo", "plain")[0]);
    Object[] echoed = call(client, "echo", 1, "two", new JSONObject().put("k", "v"), new byte[] {1, 2, 3});
    assertEquals(1, echoed[0]);
    assertEquals("two", echoed[1]);
    assertEquals("v", ((JSONObject) echoed[2]).getString("k"));
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) echoed[3]);

    // server to client with an acknowledgement
    client.on("question", args -> ((Ack) args[args.length - 1]).call((Integer) args[0] * 2, new byte[] {9}));
    client.emit("ask-me");
    Arguments answer = clientAnswers.poll(10, TimeUnit.SECONDS);
    assertEquals(40, answer.get(0, Integer.class));
    assertArrayEquals(new byte[] {9}, answer.bytes(1));

    // a second namespace, and a broadcast to a room
    BlockingQueue<Object> admin = new LinkedBlockingQueue<>();
    connect("/admin", transport, s -> s.on("hello-admin", args -> admin.add(args[0])));
    assertEquals("/admin", admin.poll(10, TimeUnit.SECONDS));
    BlockingQueue<Object> inRoom = new LinkedBlockingQueue<>();
    client.on("news", args -> inRoom.add(args[0]));
    assertEquals("joined", call(client, "join", "news-room")[0]);
    io.to("news-room").emit("news", "extra");
    assertEquals("extra", inRoom.poll(10, TimeUnit.SECONDS));

    // the server disconnects the socket
    CompletableFuture<Object> reason = new CompletableFuture<>();
    client.once(Socket.EVENT_DISCONNECT, args -> reason.complete(args[0]));
    serverSide.disconnect();
    assertEquals("io server disconnect", reason.get(10, TimeUnit.SECONDS));
    assertTrue(!client.connected());
  }
}
