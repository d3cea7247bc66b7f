package dev.sio4j.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.SessionState;
import dev.sio4j.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Connection state recovery kept in a real Redis: restores read the stream after the client's offset. */
class RedisRecoveryStoreTest {
  private static final String STREAM = "socket.io";
  private static final Function<StreamMessage<String, byte[]>, Broadcast> TICKS = entry -> new Broadcast(
      SocketIoPacket.event("/", JsonNodeFactory.instance.arrayNode().add("tick")
          .add(Integer.parseInt(new String(entry.getBody().get("n"), StandardCharsets.UTF_8))), SocketIoPacket.NO_ACK),
      BroadcastOptions.ALL, null);

  @Test
  void clientsRecoveringTogetherFromOneOffsetShareTheReadsOfTheStream() throws Exception {
    try (RedisServer server = RedisServer.start();
        RedisClient client = RedisClient.create(server.uri());
        StatefulRedisConnection<String, String> admin = client.connect()) {
      RedisConnections redis = new RedisConnections(RedisLink.standalone(server.uri()));
      redis.acquire();
      try {
        RedisCommands<String, String> sync = admin.sync();
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < 2_500; n++) {
          ids.add(sync.xadd(STREAM, Map.of("n", Integer.toString(n))));
        }
        RedisRecoveryStore store = new RedisRecoveryStore(redis, new ObjectMapper(), "sio:session:", 60_000);
        int clients = 50;
        for (int i = 0; i < clients; i++) {
          store.persist(new SessionState("sid" + i, "pid" + i, Set.of(), Map.of())).get(10, TimeUnit.SECONDS);
        }
        sync.configResetstat();

        // every client last received tick 99: each misses ticks 100 to 2,499
        List<CompletableFuture<RedisRecoveryStore.Restore>> restores = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          restores.add(store.restore("pid" + i, ids.get(99), STREAM, TICKS, null));
        }
        for (int i = 0; i < clients; i++) {
          RedisRecoveryStore.Restore restore = restores.get(i).get(30, TimeUnit.SECONDS);
          assertEquals("sid" + i, restore.session().state().sid());
          List<ArrayNode> missed = restore.session().missedPackets();
          assertEquals(2_400, missed.size());
          for (int k = 0; k < missed.size(); k++) {
            // ["tick", n, offset]
            assertEquals(100 + k, missed.get(k).get(1).asInt());
            assertEquals(ids.get(100 + k), missed.get(k).get(2).asText());
          }
          assertEquals(ids.get(2_499), restore.lastRead());
        }
        // each restore asks whether its offset is still in the stream (XRANGE offset offset); the 2,400 entries
        // after it take three reads of 1,000, which the fifty restores share instead of making 150
        int reads = calls(sync.info("commandstats"), "xrange");
        assertTrue(reads < clients + 3 * 10, reads + " XRANGE calls for " + clients + " restores");
      } finally {
        redis.release();
      }
    }
  }

  private static int calls(String commandStats, String command) {
    Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(commandStats);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
