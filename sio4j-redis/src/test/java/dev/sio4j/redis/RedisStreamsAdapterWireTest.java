package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.RestoredSession;
import dev.sio4j.server.adapter.SessionState;
import dev.sio4j.testing.RedisServer;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the streams adapter puts on Redis and reads from it, seen by a plain Redis client: stream entries with the
 * reference's fields (data as JSON, or base64 msgpack with binary), the entry id as the recovery offset, requests on
 * the namespace's channel as msgpack, entries written as a Node server writes them, and sessions as keys with the
 * recovery's TTL.
 */
class RedisStreamsAdapterWireTest {
  private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static RedisServer redis;
  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<ClusterAdapter> adapters = new ArrayList<>();
  private final BlockingQueue<String[]> published = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
  private final String stream = "wire-" + UUID.randomUUID();
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> commands;
  private StatefulRedisPubSubConnection<String, byte[]> sub;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void connect() {
    client = RedisClient.create(redis.uri());
    commands = client.connect(CODEC);
    sub = client.connectPubSub(CODEC);
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, byte[] message) {
        published.add(new String[] {channel, new String(message, StandardCharsets.ISO_8859_1)});
      }
    });
    sub.sync().subscribe("socket.io#/chat#");
  }

  @AfterEach
  void close() {
    adapters.forEach(ClusterAdapter::close);
    sub.close();
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    scheduler.shutdownNow();
  }

  private ClusterAdapter adapter() {
    ClusterAdapter adapter = (ClusterAdapter) RedisStreamsAdapterFactory.create(redis.uri(),
        RedisStreamsAdapterOptions.builder().streamName(stream).build()).create(namespace());
    adapter.init();
    adapters.add(adapter);
    adapter.addAll("s1", Set.of("s1", "r"));
    return adapter;
  }

  private AdapterNamespace namespace() {
    return new RecordingNamespace("/chat", mapper, scheduler, delivered, true, false);
  }

  private static SocketIoPacket event(int n) {
    return SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e").add(n), SocketIoPacket.NO_ACK);
  }

  private static String field(StreamMessage<String, byte[]> entry, String name) {
    byte[] value = entry.getBody().get(name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private List<StreamMessage<String, byte[]>> entries() {
    return commands.sync().xrange(stream, Range.create("-", "+"));
  }

  private String nextDelivered() throws InterruptedException {
    String d = delivered.poll(10, TimeUnit.SECONDS);
    assertTrue(d != null, "nothing delivered");
    return d;
  }

  @Test
  void aBroadcastIsAStreamEntryWhoseIdIsTheOffset() throws Exception {
    ClusterAdapter adapter = adapter();
    adapter.broadcast(event(1), new BroadcastOptions(Set.of("r"), Set.of("x"), false, true, false, 0));
    String local = nextDelivered();
    List<StreamMessage<String, byte[]>> entries = entries();
    assertEquals(1, entries.size());
    StreamMessage<String, byte[]> entry = entries.get(0);
    assertEquals(adapter.uid(), field(entry, "uid"));
    assertEquals("/chat", field(entry, "nsp"));
    assertEquals("3", field(entry, "type"));
    JsonNode data = mapper.readTree(field(entry, "data"));
    assertEquals(mapper.readTree("{\"type\":2,\"data\":[\"e\",1],\"nsp\":\"/chat\"}"), data.get("packet"));
    assertEquals("[\"r\"]", data.get("opts").get("rooms").toString());
    assertEquals("[\"x\"]", data.get("opts").get("except").toString());
    // the local socket got it once the entry existed, its id appended as the offset
    assertEquals("s1 2/chat,[\"e\",1,\"" + entry.getId() + "\"] @" + entry.getId(), local);
  }

  @Test
  void binaryDataIsBase64Msgpack() throws Exception {
    ClusterAdapter adapter = adapter();
    adapter.broadcast(SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e")
        .add(new byte[] {1, 2}), SocketIoPacket.NO_ACK), BroadcastOptions.ALL);
    nextDelivered();
    String raw = field(entries().get(0), "data");
    assertNotEquals('{', raw.charAt(0));
    JsonNode data = MsgpackReader.decode(Base64.getDecoder().decode(raw));
    assertTrue(data.get("packet").get("data").get(1).isBinary(), data.toString());
  }

  @Test
  void requestsArePublishedOnTheNamespaceChannelAsMsgpack() throws Exception {
    ClusterAdapter adapter = adapter();
    adapter.serverSideEmit(List.of(JsonNodeFactory.instance.textNode("hello")));
    String[] message = published.poll(10, TimeUnit.SECONDS);
    assertEquals("socket.io#/chat#", message[0]);
    JsonNode tree = MsgpackReader.decode(message[1].getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(9, tree.get("type").asInt());
    assertEquals("[\"hello\"]", tree.get("data").get("packet").toString());
    assertTrue(entries().isEmpty(), "requests are not kept in the stream");
  }

  @Test
  void anEntryWrittenAsNodeWritesItIsDeliveredWithItsId() throws Exception {
    adapter();
    String id = commands.sync().xadd(stream, Map.of("uid", bytes("node-uid"), "nsp", bytes("/chat"),
        "type", bytes("3"), "data", bytes("{\"packet\":{\"type\":2,\"data\":[\"n\",2],\"nsp\":\"/chat\"},"
            + "\"opts\":{\"rooms\":[\"r\"],\"except\":[],\"flags\":{}}}")));
    assertEquals("s1 2/chat,[\"n\",2,\"" + id + "\"] @" + id, nextDelivered());
  }

  @Test
  void sessionsAreKeysWithTheRecoveryTtlAndRestoreReadsTheStream() throws Exception {
    ClusterAdapter adapter = adapter();
    adapter.broadcast(event(0), BroadcastOptions.ALL);
    String offset = nextDelivered().replaceAll(".* @", "");
    adapter.persistSession(new SessionState("s1", "p1", Set.of("s1", "r"), Map.of("name", "alice")));
    adapter.delAll("s1");
    adapter.broadcast(event(1), new BroadcastOptions(Set.of("r"), Set.of(), false, true, false, 0));
    adapter.broadcast(event(2), new BroadcastOptions(Set.of("other"), Set.of(), false, true, false, 0));
    adapter.broadcast(event(3), new BroadcastOptions(Set.of(), Set.of("r"), false, true, false, 0));
    adapter.broadcast(event(4), BroadcastOptions.ALL);

    // persisting does not wait for Redis: the key appears soon after
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    byte[] raw = commands.sync().get("sio:session:p1");
    while (raw == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
      raw = commands.sync().get("sio:session:p1");
    }
    JsonNode session = MsgpackReader.decode(Base64.getDecoder().decode(raw));
    assertEquals("s1", session.get("sid").asText());
    assertEquals("p1", session.get("pid").asText());
    assertEquals("alice", session.get("data").get("name").asText());
    long ttl = commands.sync().pttl("sio:session:p1");
    assertTrue(ttl > 100_000 && ttl <= 120_000, "TTL " + ttl);

    RestoredSession restored = adapter.restoreSession("p1", offset).get(10, TimeUnit.SECONDS);
    assertEquals(new SessionState("s1", "p1", Set.of("s1", "r"), Map.of("name", "alice")), restored.state());
    List<String> missed = restored.missedPackets().stream().map(p -> p.get(1).asText()).toList();
    assertEquals(List.of("1", "4"), missed);
    List<StreamMessage<String, byte[]>> entries = entries();
    assertEquals(entries.get(4).getId(), restored.missedPackets().get(1).get(2).asText(), "the entry id last");
    assertNull(adapter.restoreSession("p1", "0-1").get(10, TimeUnit.SECONDS), "an offset not in the stream");
    assertNull(adapter.restoreSession("p1", "not an id").get(10, TimeUnit.SECONDS));
    assertNull(adapter.restoreSession("unknown", offset).get(10, TimeUnit.SECONDS));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
