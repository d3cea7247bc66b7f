package dev.sio4j.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.testing.NodePeer;
import dev.sio4j.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Admin UI in a cluster: two servers instrumented on one redis-server, the UI's client (the official npm
 * {@code socket.io-client}) connected to the first only. It gets the {@code server_stats} of both servers (each
 * server's stats go to the admin namespace through the adapter, as with the reference), and {@code all_sockets}
 * lists a user connected to the second.
 */
class AdminClusterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  // connects a user to the second server, then the UI's client to the first; prints what the UI sees
  private static final String UI = """
      const { io } = require("socket.io-client");
      const [, , first, second] = process.argv;
      const opts = { transports: ["websocket"], reconnection: false, forceNew: true };
      const user = io(second, opts);
      user.on("connect", () => {
        const admin = io(first + "/admin", opts);
        admin.on("all_sockets", (all) => console.log("all_sockets " + all.map((s) => s.id === user.id).join(",")));
        const seen = new Set();
        admin.on("server_stats", (stats) => {
          seen.add(stats.serverId);
          if (seen.size === 2) {
            console.log("servers " + [...seen].sort().join(","));
            seen.add("told");
          }
        });
      });
      """;

  private RedisServer redis;
  private final List<SocketIoServer> servers = new ArrayList<>();
  private final List<SocketIoAdmin> admins = new ArrayList<>();

  @AfterEach
  void stop() {
    admins.forEach(SocketIoAdmin::close);
    servers.forEach(SocketIoServer::close);
    if (redis != null) {
      redis.close();
    }
  }

  private String node(String serverId) {
    SocketIoServer io = SocketIoServer.create(
        ServerOptions.builder().adapterFactory(RedisAdapterFactory.create(redis.uri())).build());
    servers.add(io);
    admins.add(SocketIoAdmin.instrument(io, AdminOptions.builder().noAuth().serverId(serverId)
        .statsInterval(Duration.ofMillis(200)).build()));
    return "http://127.0.0.1:" + io.listen(0).address().getPort();
  }

  @Test
  void theUiOnOneServerSeesEveryServerAndEverySocket() throws Exception {
    redis = RedisServer.start();
    String first = node("node-a");
    String second = node("node-b");
    try (NodePeer ui = NodePeer.startScript(UI, first, second)) {
      // the two answers come in no set order
      java.util.Set<String> seen = new java.util.TreeSet<>();
      seen.add(ui.awaitLine(l -> true, TIMEOUT));
      seen.add(ui.awaitLine(l -> true, TIMEOUT));
      assertEquals(java.util.Set.of("all_sockets true", "servers node-a,node-b"), seen);
    }
  }
}
