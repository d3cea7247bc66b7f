package dev.sio4j.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.testing.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link RedisEmitter} publishes, read by a plain Redis subscriber (no Socket.IO server anywhere): the channels and
 * messages of {@code @socket.io/redis-emitter} 5.x. Broadcasts are msgpack {@code [uid, packet, opts]}, decoded here
 * to JSON for comparison; requests are JSON, compared as text. (The end-to-end emitter tests, against Node and sio4j
 * servers, are in the interop tests.)
 */
class RedisEmitterWireTest {
  private static RedisServer redis;
  private static RedisClient client;
  private static StatefulRedisPubSubConnection<String, byte[]> sub;
  private static final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private static final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() {
    redis = RedisServer.start();
    client = RedisClient.create(redis.uri());
    sub = client.connectPubSub(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String pattern, String channel, byte[] message) {
        String text = message[0] == '{' ? new String(message, StandardCharsets.UTF_8)
            : MsgpackReader.decode(message).toString();
        messages.add(channel + " " + text);
      }
    });
    sub.sync().psubscribe("*");
  }

  @AfterAll
  static void stop() {
    sub.close();
    client.shutdown();
    redis.close();
  }

  private static String next() throws InterruptedException {
    String message = messages.poll(5, TimeUnit.SECONDS);
    if (message == null) {
      throw new AssertionError("nothing published");
    }
    return message;
  }

  @Test
  void broadcastsAreMsgpackOnTheNamespaceOrRoomChannel() throws Exception {
    try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
      emitter.emit("hello", 1, "two", new byte[] {3}).join();
      // Jackson prints a binary node as base64: "Aw==" is 0x03
      assertEquals("socket.io#/# [\"emitter\",{\"type\":2,\"data\":[\"hello\",1,\"two\",\"Aw==\"],\"nsp\":\"/\"},"
          + "{\"rooms\":[],\"flags\":{},\"except\":[]}]", next());
      emitter.of("admin").to("r1").volatileFlag().compress(false).emit("x").join();
      assertEquals("socket.io#/admin#r1# [\"emitter\",{\"type\":2,\"data\":[\"x\"],\"nsp\":\"/admin\"},"
          + "{\"rooms\":[\"r1\"],\"flags\":{\"volatile\":true,\"compress\":false},\"except\":[]}]", next());
      emitter.to(List.of("r1", "r2")).except("r3").emit("y", mapper.createObjectNode().put("k", "v")).join();
      assertEquals("socket.io#/# [\"emitter\",{\"type\":2,\"data\":[\"y\",{\"k\":\"v\"}],\"nsp\":\"/\"},"
          + "{\"rooms\":[\"r1\",\"r2\"],\"flags\":{},\"except\":[\"r3\"]}]", next());
    }
  }

  @Test
  void socketOperationsAndServerSideEmitsAreJsonRequests() throws Exception {
    try (RedisEmitter emitter = RedisEmitter.create(redis.uri(), RedisEmitterOptions.builder().key("k").build())) {
      emitter.in("r1").except("r2").socketsJoin("r3", "r4").join();
      assertEquals("k-request#/# {\"type\":2,\"opts\":{\"rooms\":[\"r1\"],\"except\":[\"r2\"]},\"rooms\":[\"r3\",\"r4\"]}",
          next());
      emitter.of("/a").socketsLeave("r5").join();
      assertEquals("k-request#/a# {\"type\":3,\"opts\":{\"rooms\":[],\"except\":[]},\"rooms\":[\"r5\"]}", next());
      emitter.in("r1").disconnectSockets(true).join();
      assertEquals("k-request#/# {\"type\":4,\"opts\":{\"rooms\":[\"r1\"],\"except\":[]},\"close\":true}", next());
      emitter.serverSideEmit("ping", 1, "a").join();
      assertEquals("k-request#/# {\"uid\":\"emitter\",\"type\":6,\"data\":[\"ping\",1,\"a\"]}", next());
    }
  }

  @Test
  void reservedEventsAndBadOptionsAreRefused() {
    try (RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
      for (String reserved : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
          "removeListener")) {
        assertThrows(IllegalArgumentException.class, () -> emitter.emit(reserved));
      }
      assertThrows(NullPointerException.class, () -> emitter.to((String) null));
    }
    assertThrows(IllegalArgumentException.class, () -> RedisEmitterOptions.builder().key("a#b"));
    assertThrows(IllegalArgumentException.class, () -> RedisEmitterOptions.builder().key(""));
  }
}
