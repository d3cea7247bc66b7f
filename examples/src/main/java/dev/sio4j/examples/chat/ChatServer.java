package dev.sio4j.examples.chat;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.protocol.socketio.SocketIoParser;
import dev.sio4j.admin.AdminOptions;
import dev.sio4j.admin.SocketIoAdmin;
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

  /** Where the demo serves the official Socket.IO Admin UI's page. */
  public static final String ADMIN_UI_PATH = "/socket.io-admin";
  /** The namespace of the Admin UI's protocol (the UI's advanced option "namespace"). */
  public static final String ADMIN_UI_NAMESPACE = "/socket.io-admin";

  /** Starts the demo on {@code options.port()} (0: any free port). */
  public static ChatServer start(ChatOptions options) {
    return start(options, null);
  }

  /**
   * Starts the demo, with the official Socket.IO Admin UI at {@link #ADMIN_UI_PATH} on namespace {@link
   * #ADMIN_UI_NAMESPACE} when {@code adminUi} is given ({@code /admin} is the chat's own dashboard).
   */
  public static ChatServer start(ChatOptions options, AdminOptions adminUi) {
    ServerOptions.Builder serverOptions = ServerOptions.builder()
        .engine(EngineOptions.builder().maxPayload(MAX_PAYLOAD).build())
        .parser(options.parser())
        .httpHandler(new StaticFiles(browserBundle(options.parser())));
    if (adminUi != null) {
      serverOptions.httpHandler(SocketIoAdmin.uiHandler(ADMIN_UI_PATH));
    }
    SocketIoServer io = SocketIoServer.create(serverOptions.build());
    if (adminUi != null) {
      // closed with the server: its stats timer is a daemon thread, and the namespace goes with the server
      SocketIoAdmin.instrument(io, adminUi);
    }
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
    String adminUser = System.getenv("ADMIN_USER");
    String adminPassword = System.getenv("ADMIN_PASSWORD");
    boolean generated = adminUser == null || adminUser.isEmpty() || adminPassword == null || adminPassword.isEmpty();
    if (generated) {
      adminUser = "admin";
      byte[] bytes = new byte[12];
      new java.security.SecureRandom().nextBytes(bytes);
      adminPassword = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
    AdminOptions adminUi = AdminOptions.builder().namespace(ADMIN_UI_NAMESPACE)
        .basicAuth(adminUser, SocketIoAdmin.hashPassword(adminPassword)).build();
    ChatServer server = start(ChatOptions.builder().port(Integer.parseInt(port.trim())).parser(parser).build(),
        adminUi);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chat-shutdown"));
    String base = "http://localhost:" + server.port();
    System.out.println();
    System.out.println("  sio4j chat demo     " + base + "/");
    System.out.println("  admin dashboard     " + base + "/admin?token=" + server.adminToken());
    System.out.println("  browser client      " + base + "/socket.io/" + browserBundle(parser)
        + "  (parser: " + parser.name() + ")");
    System.out.println("  Socket.IO Admin UI  " + base + ADMIN_UI_PATH + "/  (server URL " + base + ", advanced "
        + "options: namespace " + ADMIN_UI_NAMESPACE + "; user " + adminUser
        + (generated ? ", password " + adminPassword + ": set ADMIN_USER and ADMIN_PASSWORD to choose)" : ")"));
    System.out.println();
    System.out.println("  Open the chat in two browser windows. Ctrl+C stops the server.");
    System.out.println();
  }
}
