package dev.sio4j.examples.readme;

import dev.sio4j.engine.CorsOptions;
import dev.sio4j.engine.EngineOptions;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server of the README's tour of the API, kept here so that it compiles with every change. Run with the port as
 * first argument (default 3000).
 */
public final class ReadmeServer {
  private ReadmeServer() {}

  /** A chat line, bound from the event's first argument by Jackson. */
  public record Chat(String user, String text) {}

  /** Starts the server. */
  public static void main(String[] args) throws Exception {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .connectTimeout(Duration.ofSeconds(45))
        .engine(EngineOptions.builder().pingIntervalMillis(25_000).pingTimeoutMillis(20_000)
            .cors(CorsOptions.anyOrigin()).build())
        .build());

    io.use((socket, next) -> {                                  // namespace middleware
      if (socket.handshake().auth().path("token").asText().isEmpty()) {
        next.fail(new ConnectionRefusedException("not authorized"));  // the client gets connect_error
      } else {
        next.proceed();
      }
    });

    io.onConnection(socket -> {
      socket.join("lobby");
      socket.on("chat", event -> {
        Chat chat = event.arg(0, Chat.class);                   // typed through Jackson; byte[] for binary
        socket.to("lobby").emit("chat", chat);                  // everyone in the room but the sender
        event.ack("delivered");                                 // the client's ack callback
      });
      socket.timeout(5_000).emitWithAck("ready?")               // CompletableFuture of the client's reply
          .thenAccept(reply -> System.out.println(reply));
      socket.onDisconnect((s, reason) -> System.out.println(s.id() + " left: " + reason));
    });

    io.of("/admin").onConnection(admin -> { /* a namespace multiplexed over the same connection */ });
    io.of(Pattern.compile("/team-\\d+")).onConnection(team -> { /* dynamic namespaces */ });
    io.to("lobby").except("muted").emit("news", Map.of("text", "hi"));

    io.listen(args.length > 0 ? Integer.parseInt(args[0]) : 3000);
  }
}
