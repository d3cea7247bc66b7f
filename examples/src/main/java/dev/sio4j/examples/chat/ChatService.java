package dev.sio4j.examples.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.server.ConnectionRefusedException;
import dev.sio4j.server.Event;
import dev.sio4j.server.Namespace;
import dev.sio4j.server.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's Socket.IO side: the events the page sends and receives, on the main namespace, and the token-guarded
 * {@code /admin} namespace. Every event a page sends is acknowledged (the page uses the client's {@code retries}, which
 * waits for an acknowledgement of each emit, and resends after a lost one: {@link ChatRooms} drops the duplicates).
 *
 * <p>Events from a page: {@code join(room)}, {@code leave(room)}, {@code message({room, id, text})},
 * {@code image({room, id, mime, name}, bytes)}, {@code typing({room, typing})} (volatile, not acknowledged).
 * Events to a page: {@code directory}, {@code joined}, {@code presence}, {@code message}, {@code image},
 * {@code notice}, {@code typing}; to an admin: {@code stats}.
 *
 * {@code joined} and {@code presence} carry the room's member list with its {@code version}: the page keeps the list of
 * the greatest version, since lists of one room reach it from the handlers of different sockets in any order.
 *
 * <p>Handlers run on each socket's handler executor (never on an I/O thread); the shared state is thread-safe. Public
 * for the Spring Boot chat example, which joins rooms and writes those events with the static methods here.
 */
public final class ChatService {
  private static final Logger log = LoggerFactory.getLogger(ChatService.class);
  private static final int MAX_NAME = 24;
  private static final int MAX_ID = 64;
  private static final int MAX_REJOIN = 20;

  private final ChatOptions options;
  private final ChatRooms rooms;
  private final ChatStats stats;
  private final Clock clock;
  private final Namespace main;
  private final Namespace admin;

  /** A service for {@code main} ({@code /}) and {@code admin} ({@code /admin}); {@link #install()} wires it. */
  ChatService(ChatOptions options, Clock clock, Namespace main, Namespace admin) {
    this.options = options;
    this.clock = clock;
    this.main = main;
    this.admin = admin;
    this.rooms = new ChatRooms(options.historySize(), options.maxRooms(), options.permanentRooms());
    this.stats = new ChatStats(clock);
  }

  /** Registers the middlewares and listeners on both namespaces. */
  void install() {
    main.use((socket, next) -> {
      String name = nickname(socket.handshake().auth());
      if (name == null) {
        next.fail(new ConnectionRefusedException("Please pick a nickname of 1 to " + MAX_NAME + " characters"));
        return;
      }
      socket.data().put("name", name);
      next.proceed();
    });
    main.onConnection(this::onConnection);

    byte[] token = options.adminToken().getBytes(StandardCharsets.UTF_8);
    admin.use((socket, next) -> {
      JsonNode given = socket.handshake().auth().path("token");
      // Constant-time comparison: the token is a secret.
      if (given.isTextual() && MessageDigest.isEqual(token, given.asText().getBytes(StandardCharsets.UTF_8))) {
        next.proceed();
      } else {
        log.info("admin connection refused from {}", socket.handshake().address());
        next.fail(new ConnectionRefusedException("unauthorized"));
      }
    });
    admin.onConnection(socket -> socket.emit("stats", snapshot(stats.sample())));
  }

  /** Samples the message rate and pushes the figures to every admin; the server calls it once a second. */
  void publishStats() {
    double rate = stats.sample();
    if (!admin.sockets().isEmpty()) {
      admin.emit("stats", snapshot(rate));
    }
  }

  private Map<String, Object> snapshot(double rate) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connections", main.sockets().size());
    out.put("rooms", directory());
    out.put("messagesPerSecond", Math.round(rate * 10) / 10.0);
    out.put("totalMessages", stats.totalMessages());
    out.put("uptimeSeconds", stats.uptimeSeconds());
    out.put("ts", clock.millis());
    return out;
  }

  private void onConnection(Socket socket) {
    String name = (String) socket.data().get("name");
    // After a reconnection the page names the rooms it was in: put the socket back before any queued emit runs.
    JsonNode wanted = socket.handshake().auth().path("rooms");
    boolean changed = false;
    for (int i = 0; i < Math.min(wanted.size(), MAX_REJOIN); i++) {
      String room = ChatRooms.normalize(wanted.get(i).asText(null));
      ChatRooms.Joined joined = room == null ? null : join(rooms, socket, room, name);
      if (joined != null) {
        socket.emit("joined", joinedPayload(joined));
        socket.to(room).emit("presence", presence(room, joined.members()));
        changed = true;
      }
    }
    socket.emit("directory", Map.of("rooms", directory()));
    if (changed) {
      main.except(socket.id()).emit("directory", Map.of("rooms", directory()));
    }

    socket.on("join", event -> join(socket, name, event));
    socket.on("leave", event -> leave(socket, name, event));
    socket.on("message", event -> message(socket, name, event));
    socket.on("image", event -> image(socket, name, event));
    socket.on("typing", event -> typing(socket, name, event));
    socket.onDisconnect((s, reason) -> {
      Map<String, ChatRooms.Members> left = rooms.leaveAll(s.id());
      left.forEach((room, members) -> {
        main.to(room).emit("presence", presence(room, members));
        main.to(room).emit("notice", notice(room, name + " left"));
      });
      if (!left.isEmpty()) {
        main.emit("directory", Map.of("rooms", directory()));
      }
    });
  }

  private void join(Socket socket, String name, Event event) {
    String room = ChatRooms.normalize(text(event.arg(0)));
    if (room == null) {
      event.ack(error("Room names are 1 to 32 letters, digits, '-' or '_'"));
      return;
    }
    boolean already = rooms.isMember(room, socket.id());
    ChatRooms.Joined joined = join(rooms, socket, room, name);
    if (joined == null) {
      event.ack(error("This server has too many rooms; join an existing one"));
      return;
    }
    event.ack(joinedPayload(joined));
    if (!already) {
      socket.to(room).emit("presence", presence(room, joined.members()));
      socket.to(room).emit("notice", notice(room, name + " joined"));
      main.emit("directory", Map.of("rooms", directory()));
    }
  }

  /**
   * Puts {@code socket} in {@code room}: in Socket.IO's room first, so that the members another socket announces once
   * this one is on the list reach it too; then on the list. Null when the server has no room for another room.
   */
  public static ChatRooms.Joined join(ChatRooms rooms, Socket socket, String room, String name) {
    boolean wasIn = socket.rooms().contains(room);
    socket.join(room);
    ChatRooms.Joined joined = rooms.join(room, socket.id(), name);
    if (joined == null && !wasIn) {
      socket.leave(room);
    }
    return joined;
  }

  private void leave(Socket socket, String name, Event event) {
    String room = ChatRooms.normalize(text(event.arg(0)));
    ChatRooms.Members members = room == null ? null : rooms.leave(room, socket.id());
    if (room != null) {
      socket.leave(room);
    }
    event.ack(Map.of("ok", true));
    if (members != null) {
      main.to(room).emit("presence", presence(room, members));
      main.to(room).emit("notice", notice(room, name + " left"));
      main.emit("directory", Map.of("rooms", directory()));
    }
  }

  private void message(Socket socket, String name, Event event) {
    JsonNode post = event.arg(0);
    String room = post == null ? null : ChatRooms.normalize(text(post.get("room")));
    String id = post == null ? null : text(post.get("id"));
    String text = post == null ? null : text(post.get("text"));
    text = text == null ? "" : text.strip();
    if (room == null || !validId(id) || text.isEmpty() || text.length() > options.maxMessageLength()) {
      event.ack(error("A message needs a room, an id and 1 to " + options.maxMessageLength() + " characters"));
      return;
    }
    if (!rooms.isMember(room, socket.id())) {
      event.ack(error("Join #" + room + " first"));
      return;
    }
    ChatRooms.Posted posted = rooms.post(new ChatMessage(id, room, name, text, clock.millis()), true);
    if (posted == null) {
      event.ack(error("No such room"));
      return;
    }
    if (!posted.duplicate()) {
      stats.posted();
      socket.to(room).emit("message", posted.message());
    }
    event.ack(Map.of("id", id, "ts", posted.message().ts()));
  }

  private void image(Socket socket, String name, Event event) {
    JsonNode meta = event.arg(0);
    byte[] bytes = event.bytes(1);
    String room = meta == null ? null : ChatRooms.normalize(text(meta.get("room")));
    String id = meta == null ? null : text(meta.get("id"));
    String mime = meta == null ? null : text(meta.get("mime"));
    String fileName = meta == null ? null : text(meta.get("name"));
    if (room == null || !validId(id) || mime == null || !mime.startsWith("image/") || mime.length() > 64
        || bytes == null || bytes.length == 0) {
      event.ack(error("An image needs a room, an id, an image/* type and its bytes"));
      return;
    }
    if (bytes.length > options.maxImageBytes()) {
      event.ack(error("Images are limited to " + options.maxImageBytes() / 1000 + " kB"));
      return;
    }
    if (!rooms.isMember(room, socket.id())) {
      event.ack(error("Join #" + room + " first"));
      return;
    }
    // Images are not kept in the history (memory); their ids still go through de-duplication.
    ChatRooms.Posted posted = rooms.post(new ChatMessage(id, room, name, "", clock.millis()), false);
    if (posted == null) {
      event.ack(error("No such room"));
      return;
    }
    if (!posted.duplicate()) {
      stats.posted();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", id);
      out.put("room", room);
      out.put("from", name);
      out.put("mime", mime);
      out.put("name", fileName == null ? "image" : truncate(fileName, 120));
      out.put("ts", posted.message().ts());
      socket.to(room).emit("image", out, bytes);
    }
    event.ack(Map.of("id", id, "ts", posted.message().ts()));
  }

  private void typing(Socket socket, String name, Event event) {
    JsonNode data = event.arg(0);
    String room = data == null ? null : ChatRooms.normalize(text(data.get("room")));
    if (room != null && rooms.isMember(room, socket.id())) {
      boolean typing = data.path("typing").asBoolean(false);
      socket.to(room).asVolatile().emit("typing", Map.of("room", room, "name", name, "typing", typing));
    }
    event.ack(); // ignored: the page sends typing as volatile, without asking for an acknowledgement
  }

  private List<Map<String, Object>> directory() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ChatRooms.Summary s : rooms.directory()) {
      out.add(Map.of("name", s.name(), "members", s.members(), "history", s.history()));
    }
    return out;
  }

  /** The {@code joined} event's payload: a room's history and members, with their version. */
  public static Map<String, Object> joinedPayload(ChatRooms.Joined joined) {
    return Map.of("room", joined.room(), "history", joined.history(), "members", joined.members().names(),
        "version", joined.members().version());
  }

  /** The {@code presence} event's payload: a room's members after a change, with the change's version. */
  public static Map<String, Object> presence(String room, ChatRooms.Members members) {
    return Map.of("room", room, "members", members.names(), "version", members.version());
  }

  private Map<String, Object> notice(String room, String text) {
    return Map.of("room", room, "text", text, "ts", clock.millis());
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  /** The nickname in a handshake's auth ({@code {name}}), trimmed; null when missing or unfit. */
  static String nickname(JsonNode auth) {
    JsonNode name = auth == null ? null : auth.get("name");
    if (name == null || !name.isTextual()) {
      return null;
    }
    String trimmed = name.asText().strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    return trimmed;
  }

  private static boolean validId(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_ID;
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
