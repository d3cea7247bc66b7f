package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official npm socket.io-client 2.x (Engine.IO v3, Socket.IO protocol revision 4) against a server with {@code
 * allowEIO3}: long-polling, WebSocket and the upgrade; binary events and acks both ways; namespaces with their query as
 * auth; a room shared with a v4 client; reconnection after a restart; and the refusal without {@code allowEIO3}.
 */
class NodeClientV2Test {
  private static final Path SCRIPT = Paths.get("src/test/node/socketio/client-v2.js");

  private final List<SocketIoServer> servers = new ArrayList<>();

  private SocketIoServer server(boolean allowEIO3) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .engine(EngineOptions.builder().allowEIO3(allowEIO3).build()).build());
    servers.add(io);
    return io;
  }

  @AfterEach
  void stop() {
    servers.forEach(SocketIoServer::close);
  }

  private static NodePeer runV2(String scenario, ServerBinding binding, String transport) throws Exception {
    return NodePeer.start(SCRIPT, scenario, NodeClients.url(binding), transport);
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket", "upgrade"})
  void eventsAndAcksWithBinary(String transport) throws Exception {
    SocketIoServer io = server(true);
    io.onConnection(socket -> {
      socket.on("echo", event -> event.ack(event.args()));
      socket.on("ask-me", event -> socket.emitWithAck("question", event.arg(0, Integer.class))
          .thenAccept(answer -> socket.emit("answer-was", answer.get(0), answer.bytes(1))));
      socket.on("send-bin", event -> socket.emit("bin", new byte[] {1, 2}, java.nio.ByteBuffer.wrap(new byte[] {3}),
          Map.of("nested", new byte[] {4})));
      socket.on("handshake-please", event -> {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("id", socket.id());
        details.put("query", socket.handshake().queryParameter("room"));
        details.put("auth", socket.handshake().auth());
        details.put("recovered", socket.recovered());
        socket.emit("handshake", details);
      });
    });
    try (NodePeer client = runV2("events", NodeClients.listen(io), transport)) {
      NodeClients.expectLines(client,
          "connected " + ("upgrade".equals(transport) ? "websocket" : transport),
          "echo [1,\"two\",{\"three\":\"bin:03\",\"list\":[\"bin:0405\",6.5]},\"bin:07\",null,true]",
          "answer-was [{\"answer\":42},\"bin:cafe\"]",
          "bin [\"bin:0102\",\"bin:03\",{\"nested\":\"bin:04\"}]",
          // the implicit connection to "/" carries an empty auth; the socket id is the one the client computes
          "handshake lobby {} false",
          "same id true");
    }
  }

  @Test
  void namespacesTakeTheirQueryAsAuth() throws Exception {
    SocketIoServer io = server(true);
    io.of(Pattern.compile("/dyn-\\d+")).onConnection(socket -> socket.emit("welcome", socket.namespace().name(),
        socket.handshake().auth()));
    io.of("/private").use((socket, next) -> next.fail(new ConnectionRefusedException("unauthorized")));
    io.of("/private-data").use((socket, next) ->
        next.fail(new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token"))));
    try (NodePeer client = runV2("namespaces", NodeClients.listen(io), "websocket")) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        lines.add(client.awaitLine(l -> true, NodeClients.TIMEOUT));
      }
      // the socket id both sides compute: the namespace, '#', the engine's id
      assertTrue(lines.removeIf(l -> l.matches("dyn connected /dyn-7#[A-Za-z0-9_-]{20}")), lines.toString());
      assertEquals(List.of(
          // revision 4: the refusal's payload is the error's data, or else its message
          "refused unauthorized",
          "refused with data {\"reason\":\"bad token\"}",
          "unknown {\"message\":\"Invalid namespace\"}",
          "welcome /dyn-7 {\"token\":\"secret\",\"x\":\"a b\"}"), lines.stream().sorted().toList());
    }
  }

  @Test
  void v2AndV4ClientsInOneRoomEachGetOneBroadcast() throws Exception {
    SocketIoServer io = server(true);
    Map<String, Socket> byName = new ConcurrentHashMap<>();
    CountDownLatch joined = new CountDownLatch(4);
    io.onConnection(socket -> {
      // the v4 clients name themselves in their auth, the v2 one in its query
      String name = socket.handshake().auth().path("name").asText(socket.handshake().queryParameter("name"));
      byName.put(name, socket);
      socket.join("mixed");
      joined.countDown();
    });
    ServerBinding binding = NodeClients.listen(io);
    try (NodePeer v4 = NodeClients.run("rooms", binding, "websocket");
        NodePeer v2 = runV2("room", binding, "upgrade")) {
      v4.awaitLine("all connected", NodeClients.TIMEOUT);
      v2.awaitLine("v2 connected websocket", NodeClients.TIMEOUT);
      assertTrue(joined.await(5, TimeUnit.SECONDS));
      byName.get("b").leave("mixed");
      io.to("mixed").emit("news", "hello", new byte[] {1, 2});
      io.emit("end");
      List<String> v2Lines = new ArrayList<>();
      for (String line = v2.awaitLine(l -> true, NodeClients.TIMEOUT); !line.equals("v2 end");
          line = v2.awaitLine(l -> true, NodeClients.TIMEOUT)) {
        v2Lines.add(line);
      }
      assertEquals(List.of("v2 news [\"hello\",\"bin:0102\"]"), v2Lines);
      List<String> v4Lines = new ArrayList<>();
      for (int ends = 0; ends < 3; ) {
        String line = v4.awaitLine(l -> true, NodeClients.TIMEOUT);
        if (line.endsWith(" end []")) {
          ends++;
        } else {
          v4Lines.add(line);
        }
      }
      assertEquals(List.of("a news [\"hello\",\"bin:0102\"]", "c news [\"hello\",\"bin:0102\"]"),
          v4Lines.stream().sorted().toList());
    }
  }

  @Test
  void reconnectsAfterAServerRestartOnTheSamePort() throws Exception {
    SocketIoServer first = server(true);
    first.onConnection(socket -> socket.on("hello", event -> event.ack("first " + event.arg(0, Integer.class))));
    ServerBinding binding = first.listen(0);
    int port = binding.address().getPort();
    try (NodePeer client = runV2("reconnect", binding, "websocket")) {
      NodeClients.expectLines(client, "connect 1", "reply first 1");
      first.close();
      client.awaitLine("disconnect transport close", NodeClients.TIMEOUT);
      SocketIoServer second = server(true);
      second.onConnection(socket -> socket.on("hello", event -> event.ack("second " + event.arg(0, Integer.class))));
      second.listen(port);
      NodeClients.expectLines(client, "connect 2", "reply second 2");
    }
  }

  @Test
  void refusedWithoutAllowEIO3() throws Exception {
    SocketIoServer io = server(false);
    ServerBinding binding = NodeClients.listen(io);
    try (NodePeer client = runV2("refused", binding, "polling")) {
      client.awaitLine("connect_error xhr poll error 400", NodeClients.TIMEOUT);
    }
    // the reference's answer, unchanged
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(NodeClients.url(binding) + "/socket.io/?EIO=3&transport=polling")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, response.statusCode());
    assertEquals("{\"code\":5,\"message\":\"Unsupported protocol version\"}", response.body());
    assertEquals(0, io.engine().sessionCount());
  }
}
