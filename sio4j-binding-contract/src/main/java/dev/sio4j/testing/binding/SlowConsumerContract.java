package dev.sio4j.testing.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Backpressure of the WebSocket write queue: a peer that stops reading makes the session not writable (the queue's
 * high-water mark) and its sends refused (sendBufferSize); when it reads again the queue drains below the low-water
 * mark, the engine hears {@code onWritable} and the session drains; a closed session still delivers its backlog.
 */
public abstract class SlowConsumerContract {

  /** Starts the binding under test. */
  protected abstract BindingStarter starter();
  private static final int SEND_BUFFER = 32;
  private static final EngineIoPacket BIG = EngineIoPacket.message("x".repeat(16 * 1024));

  @Test
  void aPeerThatReadsAgainDrainsTheSessionWhichTakesSendsAgain() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.sendBufferSize(SEND_BUFFER));
        Socket stalled = stalledPeer(server)) {
      EngineSocket slow = server.events.sockets.get(server.events.await("open ").substring(5));
      WsClient healthy = WsClient.connect(server.ws(""));
      healthy.handshake();
      fillUntilNotWritable(slow);
      // counted at once: the kernel may still take a little of the backlog (and the session drain) while the healthy
      // client is answered, and that drain must not be missed
      int drainsBefore = drains(server, slow);
      healthy.send("4still here");
      assertEquals("4still here", healthy.next());

      Thread reader = new Thread(() -> {
        try {
          stalled.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
          // closed by the test
        }
      }, "stalled-peer-reads-again");
      reader.setDaemon(true);
      reader.start();
      // the backlog drains: the session says so (the reference's 'drain') and takes packets again
      await(() -> drains(server, slow) > drainsBefore && slow.isWritable(), "no drain after the peer read again");
      assertTrue(slow.send(BIG));
      assertTrue(slow.isOpen());
    }
  }

  @Test
  void aStalledPeerIsDroppedByTheHeartbeat() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.sendBufferSize(SEND_BUFFER).pingIntervalMillis(300)
        .pingTimeoutMillis(300));
        Socket stalled = stalledPeer(server)) {
      EngineSocket slow = server.events.sockets.get(server.events.await("open ").substring(5));
      fillUntilNotWritable(slow);
      boolean refused = false;
      for (int i = 0; i <= SEND_BUFFER; i++) {
        refused |= !slow.send(BIG);
      }
      assertTrue(refused, "sendBufferSize bounds what waits for a stalled peer");
      assertEquals(EngineCloseReason.PING_TIMEOUT, server.events.awaitClose(slow.id()));
      assertFalse(slow.send(BIG));
    }
  }

  @Test
  void aClosedSessionStillDeliversItsBacklogToAPeerThatReads() throws Exception {
    try (BindingServer server = BindingServer.start(starter(), b -> b.maxPayload(2_000_000))) {
      WsClient client = WsClient.connect(server.ws(""));
      String sid = client.handshake();
      server.events.await("open " + sid);
      EngineSocket socket = server.events.sockets.get(sid);
      // far above the high-water mark: the close frame must wait behind it, not replace it
      String last = "y".repeat(1024 * 1024);
      assertTrue(socket.send(EngineIoPacket.message(last)));
      socket.close();
      assertEquals("4" + last, client.next());
      assertEquals(1000, client.awaitClose());
    }
  }

  private static int drains(BindingServer server, EngineSocket socket) {
    var count = server.events.drains.get(socket.id());
    return count == null ? 0 : count.get();
  }

  /**
   * Keeps sending until the session has stayed unwritable for half a second: a peer that reads nothing makes that
   * happen once the kernel's socket buffers are full too (on loopback they take far more than the high-water mark,
   * so the first "not writable" is soon over).
   */
  private static void fillUntilNotWritable(EngineSocket socket) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long unwritableSince = 0;
    while (unwritableSince == 0 || System.nanoTime() - unwritableSince < TimeUnit.MILLISECONDS.toNanos(500)) {
      if (System.nanoTime() > deadline) {
        fail("the session stayed writable although its peer reads nothing");
      }
      if (socket.isWritable()) {
        unwritableSince = 0;
        if (!socket.send(BIG)) {
          Thread.sleep(1);
        }
      } else {
        if (unwritableSince == 0) {
          unwritableSince = System.nanoTime();
        }
        Thread.sleep(10);
      }
    }
  }

  /**
   * A WebSocket peer with a tiny receive buffer that completes the handshake, then never reads again. Public for the
   * binding modules' own slow-consumer tests.
   */
  public static Socket stalledPeer(BindingServer server) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    socket.setSoTimeout(5_000);
    socket.getOutputStream().write(("GET /engine.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        fail("no handshake answer: " + head);
      }
      head.append((char) b);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    return socket;
  }

  /** Waits up to 10 seconds for {@code condition}, failing with {@code what}. */
  public static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail(what);
      }
      Thread.sleep(5);
    }
  }
}
