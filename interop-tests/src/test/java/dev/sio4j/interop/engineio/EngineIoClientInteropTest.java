package dev.sio4j.interop.engineio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.engine.EngineCloseReason;
import dev.sio4j.engine.EngineListener;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.netty.NettyServer;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official npm {@code engine.io-client}, run by Node, against the engine on Netty: polling only, WebSocket only,
 * polling then upgrade; text and binary both ways; a client whose pongs stop is dropped with "ping timeout".
 */
class EngineIoClientInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Path CLIENT = Path.of("src/test/node/engineio/client.js");

  private final Map<String, EngineSocket> sockets = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<EngineCloseReason>> closes = new ConcurrentHashMap<>();
  private EngineServer engine;
  private NettyServer server;

  @BeforeEach
  void start() throws Exception {
    engine = new EngineServer(EngineOptions.builder().pingIntervalMillis(300).pingTimeoutMillis(1_000).build(),
        new EngineListener() {
          @Override
          public void onOpen(EngineSocket socket) {
            closes.computeIfAbsent(socket.id(), k -> new CompletableFuture<>());
            sockets.put(socket.id(), socket);
          }

          @Override
          public void onMessage(EngineSocket socket, EngineIoPacket message) {
            socket.send(message);
          }

          @Override
          public void onClose(EngineSocket socket, EngineCloseReason reason, String description) {
            closes.computeIfAbsent(socket.id(), k -> new CompletableFuture<>()).complete(reason);
          }
        });
    server = NettyServer.builder().engine(engine).host("127.0.0.1").port(0).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.address().getPort();
  }

  @Test
  void pollingOnly() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "polling")) {
      String sid = awaitOpen(peer, "polling");
      exchangeBothWays(peer, sid);
      assertEquals("polling", sockets.get(sid).transport());
    }
  }

  @Test
  void webSocketOnly() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "websocket")) {
      String sid = awaitOpen(peer, "websocket");
      exchangeBothWays(peer, sid);
    }
  }

  @Test
  void pollingThenUpgrade() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "polling,websocket")) {
      String sid = awaitOpen(peer, "polling");
      peer.awaitLine("upgrade websocket", WAIT);
      // the client reports the upgrade once it has sent UPGRADE; the server switches when that packet arrives
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!"websocket".equals(sockets.get(sid).transport()) && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals("websocket", sockets.get(sid).transport());
      exchangeBothWays(peer, sid);
    }
  }

  @Test
  void heartbeatKeepsAnIdleClientConnected() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "websocket")) {
      String sid = awaitOpen(peer, "websocket");
      // several ping intervals pass; the session stays open and still echoes
      CompletableFuture<EngineCloseReason> closed = closes.get(sid);
      assertTrue(closed.completeOnTimeout(null, 1500, TimeUnit.MILLISECONDS).get() == null,
          "closed: " + closed.getNow(null));
      peer.sendLine("send after idle");
      peer.awaitLine("message after idle", WAIT);
    }
  }

  @Test
  void clientWhosePongsStopIsDroppedWithPingTimeout() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "websocket")) {
      String sid = awaitOpen(peer, "websocket");
      peer.sendLine("stoppong");
      peer.awaitLine("pong stopped", WAIT);
      assertEquals(EngineCloseReason.PING_TIMEOUT, closes.get(sid).get(5, TimeUnit.SECONDS));
      peer.awaitLine(line -> line.startsWith("close "), WAIT);
    }
  }

  @Test
  void pollingClientWhosePongsStopIsDroppedWithPingTimeout() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "polling")) {
      String sid = awaitOpen(peer, "polling");
      peer.sendLine("stoppong");
      peer.awaitLine("pong stopped", WAIT);
      assertEquals(EngineCloseReason.PING_TIMEOUT, closes.get(sid).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void clientCloseIsTransportClose() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "polling")) {
      String sid = awaitOpen(peer, "polling");
      peer.sendLine("close");
      assertEquals(EngineCloseReason.TRANSPORT_CLOSE, closes.get(sid).get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void serverCloseReachesTheClient() throws Exception {
    try (NodePeer peer = NodePeer.start(CLIENT, url(), "websocket")) {
      String sid = awaitOpen(peer, "websocket");
      sockets.get(sid).close();
      peer.awaitLine("close transport close", WAIT);
      assertEquals(EngineCloseReason.FORCED_CLOSE, closes.get(sid).get(5, TimeUnit.SECONDS));
    }
  }

  private String awaitOpen(NodePeer peer, String transport) throws InterruptedException {
    String line = peer.awaitLine(l -> l.startsWith("open "), WAIT);
    String[] parts = line.split(" ");
    assertEquals(transport, parts[2]);
    // the handshake may be answered before the listener, which runs off the event loop, has been told of the open
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!sockets.containsKey(parts[1]) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(sockets.containsKey(parts[1]), "the server never opened " + parts[1]);
    return parts[1];
  }

  private void exchangeBothWays(NodePeer peer, String sid) throws Exception {
    peer.sendLine("send héllo wörld");
    peer.awaitLine("message héllo wörld", WAIT);
    peer.sendLine("sendbin 00010203ff");
    peer.awaitLine("binary 00010203ff", WAIT);
    EngineSocket socket = sockets.get(sid);
    assertTrue(socket.send(EngineIoPacket.message("from server")));
    peer.awaitLine("message from server", WAIT);
    assertTrue(socket.send(EngineIoPacket.message(HexFormat.of().parseHex("cafe"))));
    peer.awaitLine("binary cafe", WAIT);
  }
}
