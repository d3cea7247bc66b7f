package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.ClusterAdapter;
import dev.sio4j.server.adapter.RestoredSession;
import dev.sio4j.server.adapter.SessionState;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the streams adapter puts on Redis and reads from it, seen by a plain Redis client: stream entries with the
 * reference's fields (data as JSON, or base64 msgpack with binary), the entry id as the recovery offset, requests on
 * the namespace's channel as msgpack, entries written as a Node server writes them, sessions as keys with the
 * recovery's TTL, and a recovery replayed from the entries the server read already, or found in the stream when it
 * started.
 */
class RedisStreamsAdapterWireTest extends RedisWireFixture {
  private final String stream = "wire-" + UUID.randomUUID();

  @BeforeEach
  void subscribeToTheNamespace() {
    sub.sync().subscribe("socket.io#/chat#");
    // the tests share one Redis and the reference's session keys: none is left from another test
    pub.sync().del("sio:session:p1");
  }

  private ClusterAdapter adapter() {
    ClusterAdapter adapter = adapter(RedisStreamsAdapterFactory.create(REDIS.uri(),
        RedisStreamsAdapterOptions.builder().streamName(stream).build()), true, false);
    adapter.addAll("s1", Set.of("s1", "r"));
    return adapter;
  }

  private static SocketIoPacket event(int n) {
    return SocketIoPacket.event("/chat", JsonNodeFactory.instance.arrayNode().add("e").add(n), SocketIoPacket.NO_ACK);
  }

  private static String field(StreamMessage<String, byte[]> entry, String name) {
    byte[] value = entry.getBody().get(name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private List<StreamMessage<String, byte[]>> entries() {
    return pub.sync().xrange(stream, Range.create("-", "+"));
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
    String[] message = seen.poll(10, TimeUnit.SECONDS);
    assertEquals("socket.io#/chat#", message[0]);
    JsonNode tree = MsgpackReader.decode(message[1].getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(9, tree.get("type").asInt());
    assertEquals("[\"hello\"]", tree.get("data").get("packet").toString());
    assertTrue(entries().isEmpty(), "requests are not kept in the stream");
  }

  @Test
  void anEntryWrittenAsNodeWritesItIsDeliveredWithItsId() throws Exception {
    adapter();
    String id = pub.sync().xadd(stream, Map.of("uid", bytes("node-uid"), "nsp", bytes("/chat"),
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
    byte[] raw = pub.sync().get("sio:session:p1");
    while (raw == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
      raw = pub.sync().get("sio:session:p1");
    }
    JsonNode session = MsgpackReader.decode(Base64.getDecoder().decode(raw));
    assertEquals("s1", session.get("sid").asText());
    assertEquals("p1", session.get("pid").asText());
    assertEquals("alice", session.get("data").get("name").asText());
    long ttl = pub.sync().pttl("sio:session:p1");
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

  @Test
  void aRecoveryFromAnEntryTheReaderHandedOverIsReplayedFromMemory() throws Exception {
    ClusterAdapter adapter = adapter();
    String first = pub.sync().xadd(stream, nodeEntry(1));
    assertEquals("s1 2/chat,[\"n\",1,\"" + first + "\"] @" + first, nextDelivered());
    adapter.persistSession(new SessionState("s1", "p1", Set.of("s1", "r"), Map.of()));
    String second = pub.sync().xadd(stream, nodeEntry(2));
    nextDelivered(); // handed over by the reader
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pub.sync().get("sio:session:p1") == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // gone from Redis: only the server's memory can replay it
    pub.sync().del(stream);
    RestoredSession restored = adapter.restoreSession("p1", first).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("[\"n\",2,\"" + second + "\"]"),
        restored.missedPackets().stream().map(JsonNode::toString).toList());
  }

  @Test
  void aServerThatStartsReplaysTheLatestEntriesOfTheStreamFromMemory() throws Exception {
    ClusterAdapter before = adapter();
    String first = pub.sync().xadd(stream, nodeEntry(1));
    nextDelivered();
    before.persistSession(new SessionState("s1", "p1", Set.of("s1", "r"), Map.of()));
    String second = pub.sync().xadd(stream, nodeEntry(2));
    nextDelivered();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (pub.sync().get("sio:session:p1") == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // a node that replaces the first one: its reader starts after both entries were added
    ClusterAdapter after = adapter();
    // gone from Redis: only what the new server took in when it started can replay it
    pub.sync().del(stream);
    RestoredSession restored = after.restoreSession("p1", first).get(10, TimeUnit.SECONDS);
    assertEquals(List.of("[\"n\",2,\"" + second + "\"]"),
        restored.missedPackets().stream().map(JsonNode::toString).toList());
  }

  /** An entry as a Node server writes it: event "n" with {@code n} to room "r". */
  private static Map<String, byte[]> nodeEntry(int n) {
    return Map.of("uid", bytes("node-uid"), "nsp", bytes("/chat"), "type", bytes("3"),
        "data", bytes("{\"packet\":{\"type\":2,\"data\":[\"n\"," + n + "],\"nsp\":\"/chat\"},"
            + "\"opts\":{\"rooms\":[\"r\"],\"except\":[],\"flags\":{}}}"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
