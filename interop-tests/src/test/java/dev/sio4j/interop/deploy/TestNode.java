package dev.sio4j.interop.deploy;

import dev.sio4j.engine.CookieOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.TrustedProxies;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One sio4j node of a test cluster as a production node would be set up behind nginx: the Redis streams adapter,
 * connection state recovery, the engine's sticky-session cookie, and nginx on 127.0.0.1 as trusted proxy. Its sockets
 * answer "whoami" (node, address, recovered), "join" (a room) and "echo" (its argument).
 */
final class TestNode implements AutoCloseable {
  final String name;
  final int port;
  final SocketIoServer io;
  /** How many sockets connected recovered. */
  final AtomicInteger recovered;

  private TestNode(String name, int port, SocketIoServer io, AtomicInteger recovered) {
    this.name = name;
    this.port = port;
    this.io = io;
    this.recovered = recovered;
  }

  /** Starts node {@code name} on 127.0.0.1:{@code port} (0: any free port); {@code onSocket} sees each socket. */
  static TestNode start(String name, int port, String redisUri, Consumer<Socket> onSocket) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(RedisStreamsAdapterFactory.create(redisUri))
        .connectionStateRecovery(ConnectionStateRecovery.builder()
            .maxDisconnectionDuration(Duration.ofMinutes(2)).build())
        .trustedProxies(TrustedProxies.of("127.0.0.1"))
        // short heartbeats: a client of a node that went away learns it quickly
        .engine(EngineOptions.builder().cookie(CookieOptions.builder().build())
            .pingIntervalMillis(5_000).pingTimeoutMillis(5_000).build())
        .build());
    AtomicInteger recovered = new AtomicInteger();
    io.onConnection(socket -> {
      if (socket.recovered()) {
        recovered.incrementAndGet();
      }
      socket.on("whoami", e -> e.ack(Map.of("node", name, "address", socket.handshake().address(),
          "recovered", socket.recovered())));
      socket.on("join", e -> {
        socket.join(e.arg(0, String.class));
        e.ack("joined");
      });
      socket.on("echo", e -> e.ack(e.arg(0)));
      onSocket.accept(socket);
    });
    int bound = io.listen(new InetSocketAddress("127.0.0.1", port)).address().getPort();
    return new TestNode(name, bound, io, recovered);
  }

  /** Waits until {@code count} sockets connected recovered, at most {@code timeout}. */
  void awaitRecovered(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (recovered.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(count + " sockets recovered on " + name + " expected, " + recovered.get() + " were");
      }
      Thread.sleep(20);
    }
  }

  static TestNode start(String name, int port, String redisUri) {
    return start(name, port, redisUri, socket -> { });
  }

  @Override
  public void close() {
    io.close();
  }
}
