package dev.sio4j.examples.springchat;

import dev.sio4j.examples.chat.ChatMessage;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/messages?limit=20}: the last messages of every room as JSON, on the same port as Socket.IO. */
@RestController
public class MessagesEndpoint {
  private final RecentMessages recent;

  /** An endpoint reading {@code recent}. */
  public MessagesEndpoint(RecentMessages recent) {
    this.recent = recent;
  }

  /** The last {@code limit} messages (1 to 100, default 20), oldest first. */
  @GetMapping("/api/messages")
  public List<ChatMessage> messages(@RequestParam(name = "limit", defaultValue = "20") int limit) {
    return recent.last(Math.max(1, Math.min(limit, RecentMessages.CAPACITY)));
  }
}
