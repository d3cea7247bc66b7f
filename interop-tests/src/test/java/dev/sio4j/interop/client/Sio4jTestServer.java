package dev.sio4j.interop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sio4j server with the handlers of {@code src/test/node/client/server.js}, behind a {@link FreezableProxy} so
 * that a test can make it fall silent.
 */
final class Sio4jTestServer implements TestServer {
  private final ObjectMapper mapper = new ObjectMapper();
  private final SocketIoServer io;
  private final FreezableProxy proxy;
  private final BlockingQueue<String> records = new LinkedBlockingQueue<>();

  private Sio4jTestServer(Spec spec) throws Exception {
    io = SocketIoServer.create(ServerOptions.builder()
        .engine(EngineOptions.builder()
            .pingIntervalMillis(spec.pingInterval())
            .pingTimeoutMillis(spec.pingTimeout())
            .maxPayload(spec.maxHttpBufferSize())
            // Compressed WebSocket here (the Node server's default is uncompressed): both paths are exercised.
            .perMessageDeflate(true)
            .perMessageDeflateThreshold(0)
            .build())
        // as server.js: a minute to come back, middlewares skipped
        .connectionStateRecovery(spec.recovery()
            ? ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofMinutes(1)).build() : null)
        .parser(SocketIoParser.named(spec.parser()))
        .build());
    configure(io.sockets());
    configure(io.of("/admin"));
    Namespace secure = io.of("/secure");
    secure.use((socket, next) -> {
      JsonNode auth = socket.handshake().auth();
      if (auth != null && "good".equals(auth.path("token").asText())) {
        next.proceed();
      } else {
        next.fail(new ConnectionRefusedException("unauthorized", Map.of("reason", "bad token")));
      }
    });
    configure(secure);
    int upstream = ((InetSocketAddress) io.listen(new InetSocketAddress("127.0.0.1", 0)).address()).getPort();
    proxy = new FreezableProxy(spec.port(), upstream);
  }

  static Sio4jTestServer start(Spec spec) throws Exception {
    return new Sio4jTestServer(spec);
  }

  private void configure(Namespace nsp) {
    nsp.onConnection(socket -> {
      socket.on("echo", e -> socket.emit("echo", e.args()));
      socket.on("ack", e -> e.ack(e.args()));
      socket.on("askClient", e -> socket.emitWithAck("serverAsks", e.arg(0))
          .thenAccept(answer -> socket.emit("clientAnswered", answer.toArray())));
      socket.on("join", e -> socket.join(e.arg(0, String.class)));
      socket.on("toRoom", e -> nsp.to(e.arg(0, String.class)).emit("roomMessage", e.arg(0), e.arg(1)));
      socket.on("record", e -> {
        ArrayNode args = mapper.createArrayNode();
        e.arguments().values().forEach(args::add);
        records.add(args.toString());
      });
      socket.on("disconnectMe", e -> socket.disconnect());
      socket.on("whoami", e -> e.ack(whoami(socket)));
      socket.on("noAck", e -> { });
      AtomicInteger failures = new AtomicInteger();
      socket.on("flaky", e -> {
        if (failures.incrementAndGet() % 3 == 0) {
          e.ack("ok " + e.arg(0, Integer.class));
        }
      });
    });
  }

  private ObjectNode whoami(Socket socket) {
    ObjectNode me = mapper.createObjectNode();
    me.put("id", socket.id());
    me.put("engineId", socket.connectionId());
    me.put("transport", socket.transport());
    me.set("auth", socket.handshake().auth());
    ObjectNode query = me.putObject("query");
    socket.handshake().query().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
    String header = socket.handshake().header("x-sio4j-test");
    if (header == null) {
      me.putNull("header");
    } else {
      me.put("header", header);
    }
    return me;
  }

  @Override
  public boolean ownsThread(Thread thread) {
    return thread.getName().matches("sio4j-(handler|scheduler|engine-timer|boss|io)\\b.*");
  }

  @Override
  public int port() {
    return proxy.port();
  }

  @Override
  public String awaitRecord(Duration timeout) throws Exception {
    String r = records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no record within " + timeout);
    }
    return r;
  }

  @Override
  public void tick(int n) {
    io.emit("tick", n);
  }

  @Override
  public void dropAndTick(int n) throws Exception {
    // as server.js: every connection closed (a recoverable loss), then an emit while the clients are away; whether
    // the emit still reaches a closing transport or not, the client gets it once (live, or replayed on recovery)
    for (var socket : io.sockets().fetchSockets().get(10, TimeUnit.SECONDS)) {
      ((Socket) socket).conn().close();
    }
    io.emit("tick", n);
  }

  @Override
  public void freeze() {
    proxy.freeze();
  }

  @Override
  public void thaw() {
    proxy.thaw();
  }

  @Override
  public void close() {
    // Drop the connections first, as a server that goes away does, then stop the server.
    proxy.close();
    io.close();
  }
}
