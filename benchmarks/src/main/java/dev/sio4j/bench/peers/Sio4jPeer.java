package dev.sio4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.DisconnectReason;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SlowConsumerPolicy;
import dev.sio4j.server.SocketIoServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * sio4j as a benchmark peer, with default options and the same events as the others: {@code echo} acknowledges
 * with its arguments, {@code join} joins a room and acknowledges, {@code broadcast} emits {@code msg} with its second
 * argument to the room named by its first, {@code burst} broadcasts a batch of a burst.
 *
 * <p>Lifecycle: {@link #start} listens on the embedded Netty server, {@link #close} stops it. Thread-safe.
 */
public final class Sio4jPeer implements PeerMain.Peer {
  private final SocketIoServer io;
  private final ServerBinding binding;
  private final LongAdder slowConsumers = new LongAdder();
  private final Map<DisconnectReason, LongAdder> disconnects = new ConcurrentHashMap<>();

  private Sio4jPeer(SocketIoServer io, ServerBinding binding) {
    this.io = io;
    this.binding = binding;
  }

  /** Listens on 127.0.0.1:{@code port} (0 for any free port). */
  public static Sio4jPeer start(int port) {
    return start(port, (String) null, false);
  }

  /**
   * Listens on 127.0.0.1:{@code port}, one of a cluster over Redis at {@code redisUri} when it is not {@code null} (the
   * two-node fan-out): the classic adapter, or the streams adapter when {@code streams}.
   */
  public static Sio4jPeer start(int port, String redisUri, boolean streams) {
    ServerOptions.Builder options = ServerOptions.builder();
    if (redisUri != null) {
      options.adapterFactory(streams ? RedisStreamsAdapterFactory.create(redisUri)
          : RedisAdapterFactory.create(redisUri));
    }
    return start(port, options.build(), false);
  }

  /**
   * Listens on 127.0.0.1:{@code port} with {@code options}; {@code count}: count slow consumers and disconnections
   * for {@link #stats} (off in the matrix: a listener per socket would add to what a connection costs).
   */
  public static Sio4jPeer start(int port, ServerOptions options, boolean count) {
    SocketIoServer io = SocketIoServer.create(options);
    serve(io);
    try {
      Sio4jPeer peer = new Sio4jPeer(io, io.listen(new InetSocketAddress("127.0.0.1", port)));
      if (count) {
        io.onSlowConsumer(slow -> peer.slowConsumers.increment());
        io.onConnection(socket -> socket.onDisconnect((s, reason) ->
            peer.disconnects.computeIfAbsent(reason, r -> new LongAdder()).increment()));
      }
      return peer;
    } catch (RuntimeException e) {
      io.close();
      throw e;
    }
  }

  /** Slow consumers reported so far and disconnections by reason: {@code slow_consumers=1 disconnects=...}. */
  @Override
  public String stats() {
    StringBuilder b = new StringBuilder("slow_consumers=").append(slowConsumers.sum()).append(" disconnects=");
    disconnects.forEach((reason, n) -> b.append(reason.name()).append(':').append(n.sum()).append(','));
    if (disconnects.isEmpty()) {
      b.append("none");
    }
    return b.toString();
  }

  /**
   * The benchmark app's events on {@code io}: the same for every sio4j server, whichever binding carries it (the
   * servlet peer uses it too).
   */
  static void serve(SocketIoServer io) {
    io.onConnection(socket -> {
      socket.on("echo", event -> event.ack(event.args()));
      socket.on("join", event -> {
        socket.join(event.arg(0, String.class));
        event.ack();
      });
      // The payload goes on as the raw JSON value it arrived as: no binding to a Java type and back.
      socket.on("broadcast", event -> io.to(event.arg(0, String.class)).emit("msg", event.arg(1)));
      socket.on("burst", event -> burst(io, event.arg(0)));
    });
  }

  /**
   * {@code burst {room, rep, from, count, size, total}}: broadcasts {@code msg (rep, seq, payload)} for each seq of
   * the batch, then {@code end (rep)} after the last batch (the burst scenario, {@code benchmarks/burst.sh}).
   */
  private static void burst(SocketIoServer io, JsonNode request) {
    String room = request.get("room").asText();
    int rep = request.get("rep").asInt();
    int from = request.get("from").asInt();
    int count = request.get("count").asInt();
    String payload = "x".repeat(request.get("size").asInt());
    for (int seq = from; seq < from + count; seq++) {
      io.to(room).emit("msg", rep, seq, payload);
    }
    if (from + count == request.get("total").asInt()) {
      io.to(room).emit("end", rep);
    }
  }

  @Override
  public int port() {
    return binding.address().getPort();
  }

  @Override
  public void close() {
    io.close();
  }

  public static void main(String[] args) throws Exception {
    // SIO4J_BENCH_REDIS=redis://host:port: a node of a Redis cluster (TwoNodeFanout); SIO4J_BENCH_REDIS_ADAPTER=streams
    // for the streams adapter
    String redis = System.getenv("SIO4J_BENCH_REDIS");
    boolean streams = "streams".equals(System.getenv("SIO4J_BENCH_REDIS_ADAPTER"));
    if (redis != null) {
      PeerMain.serve(args, port -> start(port, redis, streams));
      return;
    }
    // SIO4J_BENCH_RECOVERY=true: connection state recovery on (the storm); SIO4J_BENCH_SLOW_CONSUMER=<policy> and
    // SIO4J_BENCH_SEND_BUFFER_BYTES=<n>: the slow-consumer policy and send buffer, SIO4J_BENCH_COUNT=true: count slow
    // consumers and disconnections (the slow scenario)
    ServerOptions.Builder options = ServerOptions.builder();
    if (Boolean.parseBoolean(System.getenv("SIO4J_BENCH_RECOVERY"))) {
      options.connectionStateRecovery(ConnectionStateRecovery.defaults());
    }
    String policy = System.getenv("SIO4J_BENCH_SLOW_CONSUMER");
    if (policy != null && !policy.isEmpty()) {
      options.slowConsumerPolicy(SlowConsumerPolicy.valueOf(policy));
    }
    String sendBuffer = System.getenv("SIO4J_BENCH_SEND_BUFFER_BYTES");
    if (sendBuffer != null && !sendBuffer.isEmpty()) {
      options.engine(EngineOptions.builder().sendBufferBytes(Long.parseLong(sendBuffer)).build());
    }
    // SIO4J_BENCH_WARM_UP=<n>: warmUpConnections (the sio4j-warm server)
    String warmUp = System.getenv("SIO4J_BENCH_WARM_UP");
    if (warmUp != null && !warmUp.isEmpty()) {
      options.warmUpConnections(Integer.parseInt(warmUp));
    }
    boolean count = Boolean.parseBoolean(System.getenv("SIO4J_BENCH_COUNT"));
    PeerMain.serve(args, port -> start(port, options.build(), count));
  }
}
