package dev.sio4j.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.testing.RedisServerExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the adapters' wire tests share: a redis-server of the class's own, a plain Lettuce client on it (commands on
 * {@link #pub}; on {@link #sub}, whatever the test subscribes to, plain, by pattern or sharded, lands in {@link #seen}
 * as its channel and its bytes read as Latin-1, so that binary survives), namespaces that record what the adapter
 * delivers locally into {@link #delivered}, and the adapters of the test, closed after it.
 */
abstract class RedisWireFixture {
  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  // one test class at a time (Surefire runs them one after the other): the server of the class running
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();
  final ObjectMapper mapper = SocketIoJson.newMapper();
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  final List<Adapter> adapters = new ArrayList<>();
  final BlockingQueue<String[]> seen = new LinkedBlockingQueue<>();
  final BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
  RedisClient client;
  StatefulRedisConnection<String, byte[]> pub;
  StatefulRedisPubSubConnection<String, byte[]> sub;

  @BeforeEach
  void connectClient() {
    client = RedisClient.create(REDIS.uri());
    pub = client.connect(CODEC);
    sub = client.connectPubSub(CODEC);
    sub.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, byte[] message) {
        seen.add(new String[] {channel, new String(message, StandardCharsets.ISO_8859_1)});
      }

      @Override
      public void message(String pattern, String channel, byte[] message) {
        message(channel, message);
      }

      @Override
      public void smessage(String channel, byte[] message) {
        message(channel, message);
      }
    });
  }

  @AfterEach
  void closeAll() {
    adapters.forEach(Adapter::close);
    sub.close();
    pub.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    scheduler.shutdownNow();
  }

  /**
   * The adapter {@code factory} makes for a recording namespace "/chat", initialised and closed after the test.
   *
   * @param recovery whether the namespace has connection state recovery
   * @param answers whether the namespace answers server-side emits with an ack ("pong:" and the event)
   */
  @SuppressWarnings("unchecked")
  <A extends Adapter> A adapter(AdapterFactory factory, boolean recovery, boolean answers) {
    AdapterNamespace namespace = new RecordingNamespace("/chat", mapper, scheduler, delivered, recovery, answers);
    A adapter = (A) factory.create(namespace);
    adapter.init();
    adapters.add(adapter);
    return adapter;
  }
}
