package dev.sio4j.examples.springchat;

import dev.sio4j.examples.chat.ChatMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The last {@link #CAPACITY} text messages of every room, newest last, for the REST endpoint. Thread-safe (one lock;
 * a post and a read are a few pointer moves).
 */
@Component
public class RecentMessages {
  /** How many messages are kept. */
  public static final int CAPACITY = 100;

  private final Deque<ChatMessage> messages = new ArrayDeque<>();

  /** Keeps {@code message}, dropping the oldest past the capacity. */
  public synchronized void add(ChatMessage message) {
    messages.addLast(message);
    if (messages.size() > CAPACITY) {
      messages.removeFirst();
    }
  }

  /** The last {@code limit} messages, oldest first. */
  public synchronized List<ChatMessage> last(int limit) {
    List<ChatMessage> all = new ArrayList<>(messages);
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }
}
