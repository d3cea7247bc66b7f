package dev.sio4j.examples.springchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.examples.chat.ChatMessage;
import dev.sio4j.examples.chat.ChatOptions;
import dev.sio4j.examples.chat.ChatRooms;
import dev.sio4j.examples.chat.ChatService;
import dev.sio4j.server.Socket;
import dev.sio4j.server.SocketIoServer;
import dev.sio4j.spring.OnConnect;
import dev.sio4j.spring.OnDisconnect;
import dev.sio4j.spring.OnEvent;
import dev.sio4j.spring.SocketIoController;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat's events on the main namespace, the same protocol as the Netty demo's {@code ChatService} so that the same
 * page runs on it: {@code join}, {@code leave}, {@code message}, {@code image} (acknowledged: the return value is the
 * acknowledgement) and {@code typing} (volatile). Shared state is thread-safe ({@link ChatRooms},
 * {@link RecentMessages}); each socket's handlers run one at a time.
 */
@SocketIoController
public class ChatController {
  private static final int MAX_ID = 64;
  private static final int MAX_REJOIN = 20;

  private final SocketIoServer io;
  private final ChatRooms rooms;
  private final ChatOptions options;
  private final RecentMessages recent;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong posted = new AtomicLong();

  /** The controller of {@code io}'s main namespace. */
  public ChatController(SocketIoServer io, ChatRooms rooms, ChatOptions options, RecentMessages recent) {
    this.io = io;
    this.rooms = rooms;
    this.options = options;
    this.recent = recent;
  }

  /** How many messages and images were posted since the start. */
  long posted() {
    return posted.get();
  }

  /** After a reconnection the page names its rooms in the auth: the socket goes back before any queued emit runs. */
  @OnConnect
  void connected(Socket socket) {
    String name = name(socket);
    JsonNode wanted = socket.handshake().auth().path("rooms");
    boolean changed = false;
    for (int i = 0; i < Math.min(wanted.size(), MAX_REJOIN); i++) {
      String room = ChatRooms.normalize(wanted.get(i).asText(null));
      ChatRooms.Joined joined = room == null ? null : ChatService.join(rooms, socket, room, name);
      if (joined != null) {
        socket.emit("joined", ChatService.joinedPayload(joined));
        socket.to(room).emit("presence", ChatService.presence(room, joined.members()));
        changed = true;
      }
    }
    socket.emit("directory", directory());
    if (changed) {
      io.except(socket.id()).emit("directory", directory());
    }
  }

  @OnEvent("join")
  Map<String, Object> join(Socket socket, String requested) {
    String room = ChatRooms.normalize(requested);
    if (room == null) {
      return error("Room names are 1 to 32 letters, digits, '-' or '_'");
    }
    boolean already = rooms.isMember(room, socket.id());
    ChatRooms.Joined joined = ChatService.join(rooms, socket, room, name(socket));
    if (joined == null) {
      return error("This server has too many rooms; join an existing one");
    }
    if (!already) {
      socket.to(room).emit("presence", ChatService.presence(room, joined.members()));
      socket.to(room).emit("notice", notice(room, name(socket) + " joined"));
      io.emit("directory", directory());
    }
    return ChatService.joinedPayload(joined);
  }

  @OnEvent("leave")
  Map<String, Object> leave(Socket socket, String requested) {
    String room = ChatRooms.normalize(requested);
    ChatRooms.Members members = room == null ? null : rooms.leave(room, socket.id());
    if (room != null) {
      socket.leave(room);
    }
    if (members != null) {
      io.to(room).emit("presence", ChatService.presence(room, members));
      io.to(room).emit("notice", notice(room, name(socket) + " left"));
      io.emit("directory", directory());
    }
    return Map.of("ok", true);
  }

  @OnEvent("message")
  Map<String, Object> message(Socket socket, JsonNode post) {
    String room = ChatRooms.normalize(text(post, "room"));
    String id = text(post, "id");
    String text = text(post, "text") == null ? "" : text(post, "text").strip();
    if (room == null || !validId(id) || text.isEmpty() || text.length() > options.maxMessageLength()) {
      return error("A message needs a room, an id and 1 to " + options.maxMessageLength() + " characters");
    }
    if (!rooms.isMember(room, socket.id())) {
      return error("Join #" + room + " first");
    }
    ChatRooms.Posted result = rooms.post(new ChatMessage(id, room, name(socket), text, clock.millis()), true);
    if (result == null) {
      return error("No such room");
    }
    if (!result.duplicate()) {
      posted.incrementAndGet();
      recent.add(result.message());
      socket.to(room).emit("message", result.message());
    }
    return Map.of("id", id, "ts", result.message().ts());
  }

  @OnEvent("image")
  Map<String, Object> image(Socket socket, JsonNode meta, byte[] bytes) {
    String room = ChatRooms.normalize(text(meta, "room"));
    String id = text(meta, "id");
    String mime = text(meta, "mime");
    String fileName = text(meta, "name");
    if (room == null || !validId(id) || mime == null || !mime.startsWith("image/") || mime.length() > 64
        || bytes == null || bytes.length == 0) {
      return error("An image needs a room, an id, an image/* type and its bytes");
    }
    if (bytes.length > options.maxImageBytes()) {
      return error("Images are limited to " + options.maxImageBytes() / 1000 + " kB");
    }
    if (!rooms.isMember(room, socket.id())) {
      return error("Join #" + room + " first");
    }
    // Images are not kept in the history (memory); their ids still go through de-duplication.
    ChatRooms.Posted result = rooms.post(new ChatMessage(id, room, name(socket), "", clock.millis()), false);
    if (result == null) {
      return error("No such room");
    }
    if (!result.duplicate()) {
      posted.incrementAndGet();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", id);
      out.put("room", room);
      out.put("from", name(socket));
      out.put("mime", mime);
      out.put("name", fileName == null ? "image" : fileName.substring(0, Math.min(fileName.length(), 120)));
      out.put("ts", result.message().ts());
      socket.to(room).emit("image", out, bytes);
    }
    return Map.of("id", id, "ts", result.message().ts());
  }

  /** Volatile and without acknowledgement: the page sends it as it types. */
  @OnEvent("typing")
  void typing(Socket socket, JsonNode data) {
    String room = ChatRooms.normalize(text(data, "room"));
    if (room != null && rooms.isMember(room, socket.id())) {
      boolean typing = data.path("typing").asBoolean(false);
      socket.to(room).asVolatile().emit("typing", Map.of("room", room, "name", name(socket), "typing", typing));
    }
  }

  @OnDisconnect
  void disconnected(Socket socket) {
    Map<String, ChatRooms.Members> left = rooms.leaveAll(socket.id());
    left.forEach((room, members) -> {
      io.to(room).emit("presence", ChatService.presence(room, members));
      io.to(room).emit("notice", notice(room, name(socket) + " left"));
    });
    if (!left.isEmpty()) {
      io.emit("directory", directory());
    }
  }

  /** The room directory event's payload. */
  Map<String, Object> directory() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ChatRooms.Summary s : rooms.directory()) {
      out.add(Map.of("name", s.name(), "members", s.members(), "history", s.history()));
    }
    return Map.of("rooms", out);
  }

  private Map<String, Object> notice(String room, String text) {
    return Map.of("room", room, "text", text, "ts", clock.millis());
  }

  private static Map<String, Object> error(String message) {
    return Map.of("error", message);
  }

  private static String name(Socket socket) {
    return (String) socket.data().get("name");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static boolean validId(String id) {
    return id != null && !id.isEmpty() && id.length() <= MAX_ID;
  }
}
