package dev.sio4j.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Admin UI's protocol, driven by the official npm {@code socket.io-client} as the UI's own client drives it:
 * a wrong password refused, the session id, {@code config}, {@code server_stats} with its per-second counts, {@code
 * all_sockets}, the live events of a user's socket (its events received and sent included), and the {@code join},
 * {@code emit}, {@code leave} and {@code _disconnect} commands.
 */
class AdminProtocolTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private SocketIoServer io;
  private SocketIoAdmin admin;

  @AfterEach
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (io != null) {
      io.close();
    }
  }

  @Test
  void theUisClientSeesAndActsOnTheSockets() throws Exception {
    io = SocketIoServer.create();
    admin = SocketIoAdmin.instrument(io, AdminOptions.builder()
        .basicAuth("admin", SocketIoAdmin.hashPassword("s3cret"))
        .serverId("node-1")
        .statsInterval(Duration.ofMillis(200))
        .build());
    ServerBinding binding = io.listen(0);
    List<String> lines = new ArrayList<>();
    try (NodePeer ui = NodePeer.start(Paths.get("src/test/node/admin-client.js"),
        "http://127.0.0.1:" + binding.address().getPort(), "admin", "s3cret")) {
      String line;
      while (!(line = ui.awaitLine(l -> true, TIMEOUT)).equals("done")) {
        if (line.startsWith("failed")) {
          throw new AssertionError(line + " after " + lines);
        }
        lines.add(line);
      }
    }
    assertEquals(List.of(
        "refused invalid credentials",
        "session true",
        "config [\"EMIT\",\"JOIN\",\"LEAVE\",\"DISCONNECT\",\"MJOIN\",\"MLEAVE\",\"MDISCONNECT\","
            + "\"AGGREGATED_EVENTS\",\"ALL_EVENTS\"]",
        "server_stats node-1 number 1 true",
        "all_sockets 0",
        "session reused",
        "aggregated rawConnection",
        "room_joined / <own> true",
        "socket_connected / websocket 1 true",
        "watched is the user true",
        "event_received / true [\"to-server\",7,\"x\"] true",
        "room_joined / vip true",
        "user hello [42,{\"a\":1}]",
        "event_sent / true [\"hello\",42,{\"a\":1}]",
        "room_left / vip true"), lines.subList(0, 15));
    // the user's line and the UI's come over two connections: in no set order between them
    assertEquals(java.util.Set.of(
        "user disconnect io server disconnect",
        "room_left / <own> true",
        "socket_disconnected / true server namespace disconnect"), java.util.Set.copyOf(lines.subList(15, lines.size())));
    assertEquals(18, lines.size());
  }

  @Test
  void anAuthenticationChoiceIsRequired() {
    assertThrows(IllegalStateException.class, () -> AdminOptions.builder().build());
    assertThrows(IllegalArgumentException.class, () -> AdminOptions.builder().basicAuth("admin", "plain"));
  }
}
