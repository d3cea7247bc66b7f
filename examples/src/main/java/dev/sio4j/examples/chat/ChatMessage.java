package dev.sio4j.examples.chat;

/**
 * A text message as stored in a room's history and sent to clients (serialized by Jackson as a JSON object).
 *
 * @param id the id the sending page generated; the server drops a second message with the same id
 * @param room the room it was posted to
 * @param from the sender's nickname
 * @param text the text, trimmed, at most {@link ChatOptions#maxMessageLength()} characters
 * @param ts the server's receive time, milliseconds since the epoch
 */
public record ChatMessage(String id, String room, String from, String text, long ts) {}
