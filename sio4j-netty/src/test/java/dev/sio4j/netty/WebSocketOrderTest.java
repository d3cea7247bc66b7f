package dev.sio4j.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.binding.WsClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Packets sent from one thread reach a WebSocket client in the order sent while the client's own messages keep the
 * session busy on its I/O thread (each incoming message runs the session's serial executor there, which then flushes
 * the sends waiting in it).
 */
class WebSocketOrderTest {
  private static final int COUNT = 2000;

  @Test
  void sendsFromAnotherThreadKeepTheirOrderWhileTheClientTalks() throws Exception {
    try (TestServer server = TestServer.start()) {
      server.events.echo = false;
      WsClient ws = WsClient.connect(server.ws(""));
      EngineSocket socket = server.engine.session(ws.handshake());
      CompletableFuture<Void> talking = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < COUNT; i++) {
          ws.send("4c" + i);
        }
      });
      for (int i = 0; i < COUNT; i++) {
        // one send per packet, each submitted on its own: a full buffer would refuse one, so sending waits for room
        List<EngineIoPacket> packet = List.of(EngineIoPacket.message("s" + i));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!socket.send(packet, true)) {
          assertTrue(System.nanoTime() < deadline, "the send buffer was never released");
          Thread.onSpinWait();
        }
      }
      for (int i = 0; i < COUNT; i++) {
        assertEquals("4s" + i, ws.next());
      }
      talking.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
