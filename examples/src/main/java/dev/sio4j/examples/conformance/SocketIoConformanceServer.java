package dev.sio4j.examples.conformance;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.examples.BindingArgs;
import dev.sio4j.examples.servlet.EmbeddedContainer;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.servlet.SocketIoServlet;
import java.time.Duration;

/**
 * The Socket.IO server the official socket.io-protocol test-suite ({@code socketio/socket.io-protocol},
 * {@code test-suite/}) runs against: path {@code /socket.io/}, pingInterval 300, pingTimeout 200, connectTimeout
 * 1000, maxPayload 1000000. On connection to {@code /} and to {@code /custom} the server emits {@code auth} with the
 * handshake's auth; {@code message} is answered by {@code message-back} with the same arguments, and
 * {@code message-with-ack} is acknowledged with the same arguments.
 *
 * <p>Run: {@code scripts/socketio-conformance.sh [port] [--binding=netty|tomcat|jetty] [--parser=json|msgpack]
 * [--allow-eio3]} (builds, then starts this class); default port 3000, Netty, the JSON parser ({@code --parser=msgpack}:
 * clients must use {@code socket.io-msgpack-parser}). {@code --allow-eio3} also serves Engine.IO v3 clients
 * (socket.io-client 2.x), for trying an old client against the same handlers; the v4 suite's case of a handshake
 * without a valid {@code EIO} then fails, as it would against the reference with {@code allowEIO3: true}. With {@code
 * --binding=spring} the script starts the Spring Boot variant, {@code SpringConformanceApplication} of {@code
 * examples/spring-boot-chat}, instead.
 */
public final class SocketIoConformanceServer {
  private SocketIoConformanceServer() {}

  /** The options the test-suite expects. */
  public static ServerOptions options() {
    return options(SocketIoParser.json(), false);
  }

  /** The options the test-suite expects, with {@code parser}, and Engine.IO v3 clients served too when asked. */
  public static ServerOptions options(SocketIoParser parser, boolean allowEIO3) {
    return ServerOptions.builder()
        .parser(parser)
        .path("/socket.io/")
        .connectTimeout(Duration.ofMillis(1000))
        .engine(EngineOptions.builder()
            .pingIntervalMillis(300)
            .pingTimeoutMillis(200)
            .maxPayload(1_000_000)
            .cors(CorsOptions.anyOrigin())
            .allowEIO3(allowEIO3)
            .build())
        .build();
  }

  /** A server configured and wired as the test-suite expects (not yet listening). */
  public static SocketIoServer create() {
    return create(SocketIoParser.json(), false);
  }

  /**
   * A server configured and wired as the test-suite expects, speaking {@code parser}, with Engine.IO v3 clients served
   * too when {@code allowEIO3} (not yet listening).
   */
  public static SocketIoServer create(SocketIoParser parser, boolean allowEIO3) {
    SocketIoServer io = SocketIoServer.create(options(parser, allowEIO3));
    configure(io.sockets());
    configure(io.of("/custom"));
    return io;
  }

  private static void configure(Namespace namespace) {
    namespace.onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());
      socket.on("message", event -> socket.emit("message-back", event.args()));
      socket.on("message-with-ack", event -> event.ack(event.args()));
    });
  }

  /** Starts the server on the port given as first argument (default 3000) and serves until the JVM stops. */
  public static void main(String[] args) throws Exception {
    BindingArgs parsed = BindingArgs.parse(args, "netty", "tomcat", "jetty", "spring");
    SocketIoServer io = create(parsed.parser(), parsed.allowEIO3());
    switch (parsed.binding()) {
      case "netty" -> {
        ServerBinding binding = io.listen(parsed.port());
        Runtime.getRuntime().addShutdownHook(new Thread(io::close, "sio4j-shutdown"));
        System.out.println("Socket.IO conformance server listening on " + binding.address());
      }
      case "spring" -> {
        // This module has no Spring; the Spring Boot variant is its own application.
        System.err.println("--binding=spring is the Spring Boot application SpringConformanceApplication of "
            + "examples/spring-boot-chat: run scripts/socketio-conformance.sh [port] --binding=spring");
        System.exit(2);
      }
      default -> {
        EmbeddedContainer container = EmbeddedContainer.start(parsed.binding(), parsed.port(),
            (classes, context) -> SocketIoServlet.register(context, io));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          io.close();
          container.close();
        }, "sio4j-shutdown"));
        System.out.println("Socket.IO conformance server listening on " + container.address() + " ("
            + parsed.binding() + ")");
      }
    }
    Thread.currentThread().join();
  }
}
