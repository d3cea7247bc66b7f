package dev.sio4j.examples.chat;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.server.ServerOptions;
import dev.sio4j.server.SocketIoServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat demo: a {@link SocketIoServer} on the embedded server, which also serves the chat's page ({@code /}), the
 * admin dashboard ({@code /admin}) and the official browser client ({@code /socket.io/socket.io.js}), all on one
 * port. Start it with {@code scripts/demo.sh}, or {@code main(port)}; tests use {@link #start(ChatOptions)}.
 *
 * <p>Lifecycle: {@link #start} binds and returns a running server; {@link #close()} disconnects everyone and stops
 * it. Owns its Socket.IO server and a one-thread scheduler that pushes the admin figures every second. Thread-safe.
 */
public final class ChatServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChatServer.class);

  /** Room for a 900 kB image sent as base64 over long-polling (the reference's default is 1 MB). */
  private static final int MAX_PAYLOAD = 2_000_000;

  private final ChatOptions options;
  private final SocketIoServer io;
  private final ServerBinding binding;
  private final ScheduledExecutorService ticker;

  private ChatServer(ChatOptions options, SocketIoServer io, ServerBinding binding, ScheduledExecutorService ticker) {
    this.options = options;
    this.io = io;
    this.binding = binding;
    this.ticker = ticker;
  }

  /** Starts the demo on {@code options.port()} (0: any free port). */
  public static ChatServer start(ChatOptions options) {
    SocketIoServer io = SocketIoServer.create(ServerOptions.builder()
        .engine(EngineOptions.builder().maxPayload(MAX_PAYLOAD).build())
        .parser(options.parser())
        .httpHandler(new StaticFiles(browserBundle(options.parser())))
        .build());
    ChatService service = new ChatService(options, Clock.systemUTC(), io.of("/"), io.of("/admin"));
    service.install();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "chat-stats");
      t.setDaemon(true);
      return t;
    });
    try {
      ServerBinding binding = io.listen(new InetSocketAddress(options.port()));
      ticker.scheduleAtFixedRate(() -> {
        try {
          service.publishStats();
        } catch (RuntimeException e) {
          log.warn("publishing admin stats failed", e);
        }
      }, 1, 1, TimeUnit.SECONDS);
      return new ChatServer(options, io, binding, ticker);
    } catch (RuntimeException e) {
      ticker.shutdownNow();
      io.close();
      throw e;
    }
  }

  /** The browser bundle of the official client that speaks {@code parser}, as served under {@code /socket.io/}. */
  static String browserBundle(SocketIoParser parser) {
    return parser.name().equals("msgpack") ? "socket.io.msgpack.min.js" : "socket.io.js";
  }

  /** The port the server listens on. */
  public int port() {
    return binding.address().getPort();
  }

  /** The token the admin dashboard needs. */
  public String adminToken() {
    return options.adminToken();
  }

  /** The Socket.IO server, for embedding the demo. */
  public SocketIoServer io() {
    return io;
  }

  /** Disconnects every client ("server shutting down") and stops the server. */
  @Override
  public void close() {
    ticker.shutdownNow();
    io.close();
  }

  /**
   * Runs the demo until the process is stopped. Arguments: the port (default: environment variable {@code PORT}, else
   * 3000) and {@code --parser=json|msgpack} (default json), in any order. The admin token comes from
   * {@code CHAT_ADMIN_TOKEN}, else a random one is printed.
   */
  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("PORT", "3000");
    SocketIoParser parser = SocketIoParser.json();
    for (String arg : args) {
      if (arg.startsWith("--parser=")) {
        parser = SocketIoParser.named(arg.substring("--parser=".length()));
      } else {
        port = arg;
      }
    }
    ChatServer server = start(ChatOptions.builder().port(Integer.parseInt(port.trim())).parser(parser).build());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chat-shutdown"));
    String base = "http://localhost:" + server.port();
    System.out.println();
    System.out.println("  sio4j chat demo     " + base + "/");
    System.out.println("  admin dashboard     " + base + "/admin?token=" + server.adminToken());
    System.out.println("  browser client      " + base + "/socket.io/" + browserBundle(parser)
        + "  (parser: " + parser.name() + ")");
    System.out.println();
    System.out.println("  Open the chat in two browser windows. Ctrl+C stops the server.");
    System.out.println();
  }
}
