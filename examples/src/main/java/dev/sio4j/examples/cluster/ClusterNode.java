package dev.sio4j.examples.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.postgres.PostgresAdapterFactory;
import dev.sio4j.redis.RedisAdapterFactory;
import dev.sio4j.redis.RedisAdapterOptions;
import dev.sio4j.redis.RedisStreamsAdapterFactory;
import dev.sio4j.redis.ShardedRedisAdapterFactory;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.AdapterFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One member of a cluster, for trying adapters by hand or from another program's tests: a Socket.IO server on the
 * embedded Netty binding with a cluster adapter and connection state recovery (2 minutes), serving the conformance
 * contract ({@code auth} emitted on connection, {@code message} answered by {@code message-back},
 * {@code message-with-ack} acknowledged with its arguments) on {@code /} and {@code /custom}, plus cluster-wide
 * events on {@code /}:
 * <ul>
 *   <li>on connection, {@code server} is emitted with the node's name;
 *   <li>{@code join}(room) joins the room, acknowledged with the room;
 *   <li>{@code emit-to}(room, args...) does {@code io.to(room).emit("msg", args...)} on every node;
 *   <li>{@code count} is acknowledged with the number of sockets of the whole cluster ({@code fetchSockets()});
 *   <li>{@code ask-all}(x) does {@code serverSideEmitWithAck("ping", x)} and is acknowledged with the answers, each
 *       node answering {@code ping} with {@code [name, x]}.
 * </ul>
 *
 * <p>Run: {@code scripts/cluster-node.sh PORT --adapter=redis|redis-sharded|redis-streams|postgres [--redis=URI]
 * [--postgres=JDBC_URL] [--name=NAME]}; Redis at {@code redis://127.0.0.1:6379} and PostgreSQL at
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres} by default, the name defaults to the port. With
 * {@code --adapter=redis}, recovery is kept in Redis ({@code sharedRecovery}), so a client recovers on any node, as
 * with {@code redis-streams}; {@code redis-sharded} recovers on the node the client left only.
 */
public final class ClusterNode {
  private ClusterNode() {}

  /** The command line: {@code PORT --adapter=NAME [--redis=URI] [--name=NAME]}. */
  record Args(int port, String adapter, String redis, String postgres, String name) {
    static Args parse(String[] args) {
      Integer port = null;
      String adapter = null;
      String redis = "redis://127.0.0.1:6379";
      String postgres = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
      String name = null;
      for (String arg : args) {
        if (arg.startsWith("--adapter=")) {
          adapter = arg.substring("--adapter=".length());
        } else if (arg.startsWith("--redis=")) {
          redis = arg.substring("--redis=".length());
        } else if (arg.startsWith("--postgres=")) {
          postgres = arg.substring("--postgres=".length());
        } else if (arg.startsWith("--name=")) {
          name = arg.substring("--name=".length());
        } else if (!arg.startsWith("--")) {
          port = Integer.parseInt(arg);
        } else {
          throw new IllegalArgumentException("unknown option " + arg);
        }
      }
      if (port == null || adapter == null) {
        throw new IllegalArgumentException(
            "usage: PORT --adapter=redis|redis-sharded|redis-streams|postgres [--redis=URI] [--postgres=JDBC_URL]"
                + " [--name=NAME]; got "
                + Arrays.toString(args));
      }
      return new Args(port, adapter, redis, postgres, name == null ? String.valueOf(port) : name);
    }
  }

  /** The adapter named on the command line. */
  static AdapterFactory adapter(Args args) {
    return switch (args.adapter()) {
      case "redis" -> RedisAdapterFactory.create(args.redis(),
          RedisAdapterOptions.builder().sharedRecovery(true).build());
      case "redis-sharded" -> ShardedRedisAdapterFactory.create(args.redis());
      case "redis-streams" -> RedisStreamsAdapterFactory.create(args.redis());
      case "postgres" -> PostgresAdapterFactory.create(args.postgres());
      default -> throw new IllegalArgumentException("unknown adapter " + args.adapter()
          + "; one of redis, redis-sharded, redis-streams, postgres");
    };
  }

  /** A node named {@code name} over {@code adapter}, wired as described above (not yet listening). */
  public static SocketIoServer create(String name, AdapterFactory adapter) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .adapterFactory(adapter)
        .connectionStateRecovery(ConnectionStateRecovery.builder()
            .maxDisconnectionDuration(Duration.ofMinutes(2)).build())
        .engine(EngineOptions.builder().cors(CorsOptions.anyOrigin()).build())
        .build());
    conformance(io.sockets());
    conformance(io.of("/custom"));
    io.onServerSideEvent(event -> {
      if (event.name().equals("ping") && event.hasAck()) {
        event.ack(Arrays.asList(name, event.arg(0)));
      }
    });
    io.onConnection(socket -> {
      socket.emit("server", name);
      socket.on("join", e -> {
        String room = e.arg(0, String.class);
        socket.join(room);
        e.ack(room);
      });
      socket.on("emit-to", e -> {
        List<JsonNode> values = e.arguments().values();
        io.to(e.arg(0, String.class)).emit("msg", values.subList(1, values.size()).toArray());
      });
      socket.on("count", e -> io.fetchSockets().whenComplete((sockets, error) -> {
        if (error == null) {
          e.ack(sockets.size());
        }
      }));
      socket.on("ask-all", e -> io.serverSideEmitWithAck("ping", e.arg(0)).whenComplete((answers, error) -> {
        List<JsonNode> values = new ArrayList<>();
        if (answers != null) {
          for (Arguments answer : answers) {
            values.add(answer.isEmpty() ? null : answer.get(0));
          }
        }
        e.ack(values);
      }));
    });
    return io;
  }

  private static void conformance(Namespace namespace) {
    namespace.onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());
      socket.on("message", event -> socket.emit("message-back", event.args()));
      socket.on("message-with-ack", event -> event.ack(event.args()));
    });
  }

  /** Starts the node and serves until the JVM stops. */
  public static void main(String[] argv) throws Exception {
    Args args = Args.parse(argv);
    SocketIoServer io = create(args.name(), adapter(args));
    ServerBinding binding = io.listen(args.port());
    Runtime.getRuntime().addShutdownHook(new Thread(io::close, "sio4j-shutdown"));
    System.out.println("cluster node " + args.name() + " (" + args.adapter() + ") listening on " + binding.address());
    Thread.currentThread().join();
  }
}
