package dev.sio4j.interop.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.AckTimeoutException;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official npm socket.io-client, restricted to long-polling and to WebSocket: mixed JSON and binary arguments both
 * ways, acknowledgements both ways with timeouts, catch-all listeners on both sides.
 */
class NodeClientEventsTest {
  private SocketIoServer io;
  private ServerBinding binding;
  private final BlockingQueue<String> serverSaw = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    io = SocketIoServer.create();
    io.onConnection(socket -> {
      socket.onAny((event, args) -> serverSaw.add(event));
      socket.on("echo", event -> event.ack(event.args()));
      socket.on("ask-me", event -> socket.emitWithAck("question", event.arg(0, Integer.class))
          .thenAccept(answer -> socket.emit("answer-was", answer.get(0), answer.bytes(1))));
      socket.on("ignore-me", event -> socket.timeout(200).emitWithAck("ignored").whenComplete((r, e) ->
          socket.emit("server-timeout", e instanceof AckTimeoutException
              ? "AckTimeoutException" : String.valueOf(e))));
      socket.on("send-bin", event -> socket.emit("bin", new byte[] {1, 2}, java.nio.ByteBuffer.wrap(new byte[] {3}),
          java.util.Map.of("nested", new byte[] {4})));
    });
    binding = NodeClients.listen(io);
  }

  @AfterEach
  void stop() {
    io.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"polling", "websocket"})
  void eventsAndAcksWithBinary(String transport) throws Exception {
    try (NodePeer client = NodeClients.run("events", binding, transport)) {
      NodeClients.expectLines(client,
          "connected " + transport,
          "echo [1,\"two\",{\"three\":\"bin:03\",\"list\":[\"bin:0405\",6.5]},\"bin:07\",null,true]",
          "client-timeout operation has timed out",
          "answer-was [{\"answer\":42},\"bin:cafe\"]",
          "server-timeout AckTimeoutException",
          "bin [\"bin:0102\",\"bin:03\",{\"nested\":\"bin:04\"}]",
          "any question", "any ignored", "any bin", "any answer-was", "any server-timeout");
    }
    for (String event : new String[] {"echo", "never-acked", "ask-me", "ignore-me", "send-bin"}) {
      assertEquals(event, serverSaw.poll(5, TimeUnit.SECONDS));
    }
    assertTrue(serverSaw.isEmpty());
  }
}
