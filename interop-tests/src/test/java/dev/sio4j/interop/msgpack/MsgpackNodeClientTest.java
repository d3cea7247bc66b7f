package dev.sio4j.interop.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official npm {@code socket.io-client} 4.8 configured with {@code socket.io-msgpack-parser} against a sio4j
 * server with {@link SocketIoParser#msgpack()}, over each transport ({@code src/test/node/msgpack/client.js}): binary
 * both ways, acknowledgements both ways, a namespace, a broadcast to a room, connection state recovery.
 */
class MsgpackNodeClientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private SocketIoServer io;
  private ServerBinding binding;

  @BeforeEach
  void start() {
    io = SocketIoServer.create(ServerOptions.builder()
        .parser(SocketIoParser.msgpack())
        .connectionStateRecovery(ConnectionStateRecovery.defaults())
        .build());
    io.onConnection(socket -> {
      socket.on("echo", e -> e.ack(e.args()));
      socket.on("ask-me", e -> socket.emitWithAck("question", 21, new byte[] {1, 2})
          .thenAccept(answer -> socket.emit("answer-was", answer.toArray())));
      socket.on("join", e -> {
        socket.join(e.arg(0, String.class));
        e.ack("joined");
      });
      socket.on("to-room", e -> {
        io.to(e.arg(0, String.class)).emit("room-message", e.arg(1), e.arg(2));
        io.emit("after-room");
        e.ack("sent");
      });
      socket.on("emit-news", e -> {
        io.to("recovery").emit("news", e.arg(0), new byte[] {1});
        e.ack("emitted");
      });
      socket.on("drop-me", e -> socket.conn().close()); // a lost connection, recoverable
    });
    io.of("/admin").onConnection(socket -> socket.on("whereami", e -> e.ack(socket.namespace().name())));
    binding = io.listen(0);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void officialClientWithTheMsgpackParser(String transport) throws Exception {
    Path script = Paths.get("src/test/node/msgpack/client.js");
    List<String> lines = new ArrayList<>();
    try (NodePeer node = NodePeer.start(script, "http://127.0.0.1:" + binding.address().getPort(), transport)) {
      while (lines.isEmpty() || !lines.get(lines.size() - 1).equals("done")) {
        String line = node.awaitLine(l -> true, WAIT);
        assertFalse(line.startsWith("error"), line + "\n" + node.stderr());
        lines.add(line);
      }
    }
    List<String> expected = List.of(
        "connected " + transport,
        "echo [1,\"two\",{\"three\":\"bin:03\",\"list\":[\"bin:0405\",6.5]},\"bin:07\",null,true,-5000000000,0.1,"
            + "\"\u00e9\ud83d\ude00\"]",
        "answer-was [42,\"bin:0102ff\"] string",
        "admin [\"/admin\"]",
        "a room-message [\"hello\",\"bin:09\"] string",
        "recovery connect false",
        "recovery news [1,\"bin:01\"] string",
        "recovery disconnect transport close",
        "recovery reconnect true true",
        "recovery news [2,\"bin:01\"] string",
        "done");
    List<String> seen = new ArrayList<>(lines);
    seen.removeIf(l -> l.endsWith(" after-room"));
    assertEquals(expected, seen);
    // each client saw the room broadcast, if at all, before "after-room": b, not in the room, never
    int bAfter = lines.indexOf("b after-room");
    int aAfter = lines.indexOf("a after-room");
    assertFalse(bAfter < 0 || aAfter < 0, String.join("\n", lines));
    assertFalse(lines.stream().anyMatch(l -> l.startsWith("b room-message")), String.join("\n", lines));
  }
}
