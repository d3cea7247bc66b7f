package dev.sio4j.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.binding.SlowConsumerContract;
import dev.sio4j.testing.binding.WsClient;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WebSocket writes leave in batches (several messages per write to the socket): the messages still arrive whole and in
 * the order they were sent, a close asked for while some wait in a batch follows them, and a peer that stops reading
 * holds up neither the thread that sends nor the other sockets.
 */
class BatchedWritesTest {
  private static final int MESSAGES = 600;

  @ParameterizedTest
  @EnumSource(Container.class)
  void messagesOfEverySizeArriveInTheOrderSent(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.sendBufferSize(MESSAGES * 2)
        .sendBufferBytes(64L * 1024 * 1024).sendBufferHighWaterBytes(64L * 1024 * 1024))) {
      WsClient client = WsClient.connect(server.ws(""));
      String sid = client.handshake();
      server.events.await("open " + sid);
      EngineSocket socket = server.events.sockets.get(sid);
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        // mostly small messages, which share a batch, and now and then one larger than a container's output buffer
        String text = i + ":" + "x".repeat(i % 50 == 0 ? 20_000 : i % 7 * 100);
        sent.add("4" + text);
        assertTrue(socket.send(EngineIoPacket.message(text)));
      }
      for (String expected : sent) {
        assertEquals(expected, client.next());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void aCloseAskedForWhileMessagesWaitFollowsThem(Container container) throws Exception {
    try (TestServer server = TestServer.start(container)) {
      WsClient client = WsClient.connect(server.ws(""));
      String sid = client.handshake();
      server.events.await("open " + sid);
      EngineSocket socket = server.events.sockets.get(sid);
      for (int i = 0; i < 20; i++) {
        assertTrue(socket.send(EngineIoPacket.message("last words " + i)));
      }
      socket.close();
      for (int i = 0; i < 20; i++) {
        assertEquals("4last words " + i, client.next());
      }
      assertEquals(1000, client.awaitClose());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void aPeerThatStopsReadingHoldsUpNeitherTheSenderNorTheOthers(Container container) throws Exception {
    try (TestServer server = TestServer.start(container, b -> b.sendBufferSize(100_000)
        .sendBufferBytes(64L * 1024 * 1024).sendBufferHighWaterBytes(64L * 1024 * 1024));
        Socket stalled = SlowConsumerContract.stalledPeer(server)) {
      EngineSocket slow = server.events.sockets.get(server.events.await("open ").substring(5));
      List<WsClient> healthy = new ArrayList<>();
      List<EngineSocket> sockets = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        WsClient client = WsClient.connect(server.ws(""));
        String sid = client.handshake();
        server.events.await("open " + sid);
        healthy.add(client);
        sockets.add(server.events.sockets.get(sid));
      }
      // one message at a time, each small enough for a container's output buffer (Tomcat's is 8 KiB), so that each
      // ends with a flush: until the kernel's socket buffers are full and a flush to the stalled peer waits; then its
      // session stays unwritable
      String chunk = "z".repeat(7_000);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long unwritableSince = 0;
      while (unwritableSince == 0 || System.nanoTime() - unwritableSince < TimeUnit.MILLISECONDS.toNanos(500)) {
        if (System.nanoTime() > deadline) {
          fail("the stalled peer's session stayed writable");
        }
        if (slow.isWritable()) {
          unwritableSince = 0;
          slow.send(EngineIoPacket.message(chunk));
          // until it left, or briefly once writes to the peer wait
          long sent = System.nanoTime();
          while (slow.bufferedBytes() > 0 && System.nanoTime() - sent < TimeUnit.MILLISECONDS.toNanos(20)) {
            Thread.onSpinWait();
          }
        } else {
          if (unwritableSince == 0) {
            unwritableSince = System.nanoTime();
          }
          Thread.sleep(10);
        }
      }
      // then as a broadcast: every round to the stalled peer first; the others get every round all the same
      for (int round = 0; round < 2_000; round++) {
        slow.send(EngineIoPacket.message(chunk));
        if (round % 10 == 0) {
          for (EngineSocket socket : sockets) {
            assertTrue(socket.send(EngineIoPacket.message("round " + round)));
          }
        }
      }
      for (int round = 0; round < 2_000; round += 10) {
        for (WsClient client : healthy) {
          assertEquals("4round " + round, client.next());
        }
      }
    }
  }
}
