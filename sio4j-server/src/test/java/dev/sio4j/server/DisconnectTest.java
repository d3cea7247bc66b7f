package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Disconnection from either side and the reasons the listeners see, worded as the reference. */
class DisconnectTest {
  private final SocketIoServer io = SocketIoServer.create();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();

  DisconnectTest() {
    io.onConnection(socket -> {
      socket.onDisconnecting((s, reason) -> events.add("disconnecting " + s.namespace().name() + " " + reason));
      socket.onDisconnect((s, reason) -> events.add("disconnect " + s.namespace().name() + " " + reason));
      sockets.add(socket);
    });
    io.of("/admin").onConnection(socket -> {
      socket.onDisconnect((s, reason) -> events.add("disconnect " + s.namespace().name() + " " + reason));
      sockets.add(socket);
    });
  }

  @AfterEach
  void close() {
    io.close();
  }

  private Socket connect(TestEngineSocket client, String namespace) throws InterruptedException {
    client.connect(namespace);
    return sockets.poll(5, TimeUnit.SECONDS);
  }

  @Test
  void clientNamespaceDisconnectKeepsTheConnection() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    Socket socket = connect(client, "/");
    connect(client, "/admin");
    client.receive("1/admin,");
    assertEquals("disconnect /admin client namespace disconnect", events.poll(5, TimeUnit.SECONDS));
    client.receive("1");
    assertEquals("disconnecting / client namespace disconnect", events.poll(5, TimeUnit.SECONDS));
    assertEquals("disconnect / client namespace disconnect", events.poll(5, TimeUnit.SECONDS));
    assertFalse(socket.connected());
    assertTrue(client.isOpen());
    assertFalse(socket.emit("late"));
  }

  @Test
  void serverNamespaceDisconnectSendsDisconnect() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    Socket socket = connect(client, "/");
    socket.disconnect();
    assertEquals("1", client.nextText());
    assertEquals("disconnecting / server namespace disconnect", events.poll(5, TimeUnit.SECONDS));
    assertEquals("disconnect / server namespace disconnect", events.poll(5, TimeUnit.SECONDS));
    assertTrue(client.isOpen());
  }

  @Test
  void disconnectWithCloseLeavesEveryNamespaceAndClosesTheConnection() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    Socket main = connect(client, "/");
    connect(client, "/admin");
    main.disconnect(true);
    client.awaitClosed();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) {
      seen.add(events.poll(5, TimeUnit.SECONDS));
    }
    assertEquals(java.util.Set.of("disconnecting / server namespace disconnect",
        "disconnect / server namespace disconnect", "disconnect /admin server namespace disconnect"), seen);
  }

  @Test
  void aNamespaceMayBeJoinedAgainRightAfterTheServerLeftIt() throws Exception {
    io.of("/bounce").onConnection(socket -> socket.disconnect());
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    client.connect("/");
    for (int i = 0; i < 20; i++) {
      client.connect("/bounce");
      assertEquals("1/bounce,", client.nextText());
    }
    assertTrue(client.isOpen());
  }

  @Test
  void engineReasonsReachTheSockets() throws Exception {
    for (EngineCloseReason reason : new EngineCloseReason[] {EngineCloseReason.TRANSPORT_CLOSE,
        EngineCloseReason.TRANSPORT_ERROR, EngineCloseReason.PING_TIMEOUT, EngineCloseReason.FORCED_CLOSE}) {
      TestEngineSocket client = new TestEngineSocket(io.engineListener());
      connect(client, "/");
      client.drop(reason);
      assertEquals("disconnecting / " + reason.reason(), events.poll(5, TimeUnit.SECONDS));
      assertEquals("disconnect / " + reason.reason(), events.poll(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void closingTheServerDisconnectsWithServerShuttingDown() throws Exception {
    TestEngineSocket client = new TestEngineSocket(io.engineListener());
    connect(client, "/");
    io.close();
    client.awaitClosed();
    assertEquals("disconnecting / server shutting down", events.poll(5, TimeUnit.SECONDS));
    assertEquals("disconnect / server shutting down", events.poll(5, TimeUnit.SECONDS));
  }
}
