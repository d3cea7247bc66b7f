package dev.sio4j.interop.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.interop.deploy.Nginx.Stickiness;
import dev.sio4j.testing.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code SocketIoServer.drain}: two nodes on the Redis streams adapter behind nginx (sticky by address, so every
 * client is on one node); that node is drained under load: handshakes to it get 503, its clients' connections close
 * in waves, and every client comes back through nginx to the other node, recovered, having missed no broadcast and
 * seen none twice, and with no acknowledged emit lost.
 */
class DrainTest {
  private static final int CLIENTS = 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void everyClientOfADrainedNodeIsRecoveredOnTheOther() throws Exception {
    assumeTrue(Files.isExecutable(Nginx.BINARY), "Debian's nginx is not installed");
    try (RedisServer redis = RedisServer.start();
        TestNode a = TestNode.start("a", 0, redis.uri());
        TestNode b = TestNode.start("b", 0, redis.uri());
        Nginx nginx = Nginx.start(Stickiness.IP_HASH, List.of(a.port, b.port));
        TickLoad load = TickLoad.start(redis.uri(), nginx.url(), CLIENTS, "websocket", 100, TIMEOUT)) {
      TestNode drained = a.io.engine().sessionCount() > 0 ? a : b;
      TestNode other = drained == a ? b : a;
      assertEquals(CLIENTS, drained.io.engine().sessionCount(), "ip_hash: every client on one node");
      Thread.sleep(300);

      CompletableFuture<Void> drain = drained.io.drain(Duration.ofSeconds(1));
      assertEquals(503, handshakeStatus(drained.port), "a draining node refuses new sessions");
      drain.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(0, drained.io.engine().sessionCount());
      // on a loaded machine a restore takes a while: waited for, not timed
      other.awaitRecovered(CLIENTS, Duration.ofSeconds(60));
      Thread.sleep(300);

      List<JsonNode> accounts = load.finish();
      for (JsonNode account : accounts) {
        String text = account.toString();
        assertEquals(2, account.get("connects").asInt(), text);
        assertEquals(1, account.get("recovered").asInt(), "recovered on the other node: " + text);
        assertEquals(0, account.get("missed").asInt(), text);
        assertEquals(0, account.get("repeated").asInt(), text);
        assertEquals(0, account.get("ackFailed").asInt(), text);
        assertEquals(load.lastSeq(), account.get("last").asLong(), text);
        assertEquals("[\"" + drained.name + "\",\"" + other.name + "\"]", account.get("nodes").toString(), text);
      }
      System.out.println("drain: worst pause per client (ms) "
          + accounts.stream().map(c -> c.get("worstPauseMs").asInt()).sorted().toList());
    }
  }

  private static int handshakeStatus(int port) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/socket.io/?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
