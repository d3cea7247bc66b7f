package dev.sio4j.admin;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.admin.internal.SocketSerializer;
import dev.sio4j.engine.EngineSocket;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.BroadcastOperator;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.RemoteSocket;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.server.adapter.RoomEvent;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of the official Socket.IO Admin UI ({@code @socket.io/admin-ui} 0.5.x), as its {@code instrument(io,
 * opts)}: on the {@link AdminOptions#namespace()} namespace it authenticates the UI, sends {@code config}, {@code
 * all_sockets} and, every {@link AdminOptions#statsInterval()}, {@code server_stats}; it tells the live changes of the
 * watched namespaces ({@code socket_connected}, {@code socket_updated}, {@code socket_disconnected}, {@code
 * room_joined}, {@code room_left}); unless read-only it runs the UI's commands ({@code emit}, {@code join}, {@code
 * leave}, {@code _disconnect}) on those namespaces.
 *
 * <pre>{@code
 * SocketIoAdmin.instrument(io, AdminOptions.builder().basicAuth("admin", SocketIoAdmin.hashPassword(secret)).build());
 * }</pre>
 *
 * <p>Instrument before {@code listen}, so every socket is seen. Owns one timer thread for the stats, stopped by {@link
 * #close()}. Thread-safe.
 */
public final class SocketIoAdmin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SocketIoAdmin.class);
  private static final List<String> FEATURES =
      List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT");

  private final SocketIoServer io;
  private final AdminOptions options;
  private final Namespace admin;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();
  private final ScheduledExecutorService timer;
  private final long pid = ProcessHandle.current().pid();
  private final String hostname;

  private SocketIoAdmin(SocketIoServer io, AdminOptions options) {
    this.io = io;
    this.options = options;
    this.admin = io.of(options.namespace());
    this.hostname = hostName();
    if (options.username() == null) {
      log.warn("Socket.IO Admin UI on {} WITHOUT AUTHENTICATION: anyone reaching this server can watch and act on "
          + "its sockets", options.namespace());
    } else {
      admin.use((socket, next) -> {
        if (authenticated(socket)) {
          next.proceed();
        } else {
          next.fail(new Exception("invalid credentials"));
        }
      });
    }
    for (String name : options.namespaces()) {
      watch(io.of(name));
    }
    admin.onConnection(this::onAdminConnection);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "sio4j-admin-stats");
      t.setDaemon(true);
      return t;
    });
    long period = options.statsInterval().toMillis();
    timer.scheduleAtFixedRate(this::emitStats, 0, period, TimeUnit.MILLISECONDS);
  }

  /** Serves the Admin UI's protocol on {@code io} with {@code options}. */
  public static SocketIoAdmin instrument(SocketIoServer io, AdminOptions options) {
    return new SocketIoAdmin(java.util.Objects.requireNonNull(io, "io"),
        java.util.Objects.requireNonNull(options, "options"));
  }

  /**
   * The official Admin UI's page, served under {@code path} (e.g. {@code /admin}: the page is then at {@code
   * /admin/}); add it with {@code ServerOptions.builder().httpHandler(...)}.
   */
  public static AdminUiHandler uiHandler(String path) {
    return new AdminUiHandler(path);
  }

  /** A bcrypt hash of {@code password} (cost 10, {@code $2a$}), for {@link AdminOptions.Builder#basicAuth}. */
  public static String hashPassword(String password) {
    return BCrypt.withDefaults().hashToString(10, password.toCharArray());
  }

  /** Stops the stats timer. The namespace and its listeners stay, idle until the server closes. */
  @Override
  public void close() {
    timer.shutdownNow();
  }

  // ---- authentication (the reference's basic auth: a session id after the first success)

  private boolean authenticated(Socket socket) {
    JsonNode auth = socket.handshake().auth();
    String sessionId = auth.path("sessionId").asText(null);
    if (sessionId != null && sessions.contains(sessionId)) {
      return true;
    }
    String username = auth.path("username").asText(null);
    String password = auth.path("password").asText(null);
    if (options.username().equals(username) && password != null && BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8), options.passwordHash().getBytes(StandardCharsets.UTF_8))
        .verified) {
      byte[] bytes = new byte[8];
      random.nextBytes(bytes);
      String id = HexFormat.of().formatHex(bytes);
      sessions.add(id);
      socket.data().put("sio4j.admin.session", id);
      return true;
    }
    log.warn("Admin UI: invalid credentials from {}", socket.handshake().address());
    return false;
  }

  // ---- the UI's connection

  private void onAdminConnection(Socket socket) {
    Object session = socket.data().remove("sio4j.admin.session");
    if (session != null) {
      socket.emit("session", session);
    }
    List<String> features = options.readonly() ? List.of() : FEATURES;
    if (!options.readonly()) {
      socket.on("emit", event -> {
        Arguments args = event.arguments();
        BroadcastOperator target = target(args.get(0), args.get(1));
        String name = args.get(2) == null ? null : args.get(2).asText(null);
        if (target != null && name != null) {
          List<JsonNode> rest = args.values().subList(3, args.size());
          target.emit(name, rest.toArray());
        }
      });
      socket.on("join", event -> {
        Arguments args = event.arguments();
        BroadcastOperator target = target(args.get(0), args.get(2));
        String room = text(args.get(1));
        if (target != null && room != null) {
          target.socketsJoin(room);
        }
      });
      socket.on("leave", event -> {
        Arguments args = event.arguments();
        BroadcastOperator target = target(args.get(0), args.get(2));
        String room = text(args.get(1));
        if (target != null && room != null) {
          target.socketsLeave(room);
        }
      });
      socket.on("_disconnect", event -> {
        Arguments args = event.arguments();
        BroadcastOperator target = target(args.get(0), args.get(2));
        if (target != null) {
          target.disconnectSockets(args.get(1) != null && args.get(1).asBoolean());
        }
      });
    }
    socket.emit("config", Map.of("supportedFeatures", features));
    allSockets().thenAccept(all -> socket.emit("all_sockets", all));
  }

  /** The namespace {@code nsp} (a watched one only), narrowed to room {@code filter} when given; else null. */
  private BroadcastOperator target(JsonNode nsp, JsonNode filter) {
    String name = text(nsp);
    if (name == null || !options.namespaces().contains(name)) {
      return null;
    }
    Namespace namespace = io.of(name);
    String room = text(filter);
    return room == null || room.isEmpty() ? namespace : namespace.in(room);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
  }

  private CompletableFuture<List<Map<String, Object>>> allSockets() {
    List<CompletableFuture<List<RemoteSocket>>> fetches = new ArrayList<>();
    for (String name : options.namespaces()) {
      fetches.add(io.of(name).fetchSockets());
    }
    return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<Map<String, Object>> all = new ArrayList<>();
      for (int i = 0; i < fetches.size(); i++) {
        for (RemoteSocket s : fetches.get(i).join()) {
          all.add(SocketSerializer.serialize(s, options.namespaces().get(i)));
        }
      }
      return all;
    });
  }

  // ---- the watched namespaces

  private void watch(Namespace namespace) {
    String nsp = namespace.name();
    namespace.onConnection(socket -> {
      admin.emit("socket_connected", SocketSerializer.serialize(socket, nsp));
      socket.conn().onUpgrade(transport -> admin.emit("socket_updated",
          Map.of("id", socket.id(), "nsp", nsp, "transport", transport)));
      socket.onDisconnect((s, reason) -> admin.emit("socket_disconnected", nsp, s.id(), reason.reason()));
    });
    namespace.onRoomEvent(event -> {
      if (event.type() == RoomEvent.Type.JOIN) {
        admin.emit("room_joined", nsp, event.room(), event.socketId());
      } else if (event.type() == RoomEvent.Type.LEAVE) {
        admin.emit("room_left", nsp, event.room(), event.socketId());
      }
    });
  }

  private void emitStats() {
    try {
      int polling = 0;
      for (EngineSocket session : io.engine().sessions()) {
        if ("polling".equals(session.transport())) {
          polling++;
        }
      }
      List<Map<String, Object>> namespaces = new ArrayList<>();
      for (String name : options.namespaces()) {
        namespaces.add(Map.of("name", name, "socketsCount", io.of(name).sockets().size()));
      }
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("serverId", options.serverId());
      stats.put("hostname", hostname);
      stats.put("pid", pid);
      stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
      stats.put("clientsCount", io.engine().sessionCount());
      stats.put("pollingClientsCount", polling);
      stats.put("aggregatedEvents", List.of());
      stats.put("namespaces", namespaces);
      admin.emit("server_stats", stats);
    } catch (RuntimeException e) {
      log.warn("Admin UI: server_stats failed", e);
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }
}
