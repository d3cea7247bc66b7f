package dev.sio4j.server;

/**
 * Handles an event whose first argument is bound to {@code T} ({@code socket.on("chat", Chat.class, (chat, event) ->
 * ...)}); the event gives the other arguments and the acknowledgement.
 */
@FunctionalInterface
public interface TypedEventListener<T> {
  /** Handles {@code value} (the first argument as {@code T}, {@code null} when absent) of {@code event}. */
  void handle(T value, Event event) throws Exception;
}
