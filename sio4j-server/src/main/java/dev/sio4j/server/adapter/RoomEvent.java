package dev.sio4j.server.adapter;

import java.util.Objects;

/**
 * A change of a namespace's local rooms (the reference adapter's {@code create-room}, {@code delete-room}, {@code
 * join-room} and {@code leave-room} events). Each socket's own room (named by its id) has these events too.
 *
 * @param type what happened
 * @param room the room's name
 * @param socketId the socket that joined or left, or {@code null} for {@link Type#CREATE} and {@link Type#DELETE}
 */
public record RoomEvent(Type type, String room, String socketId) {
  /** What happened to the room. */
  public enum Type {
    /** The room got its first member; {@link #JOIN} follows. */
    CREATE,
    /** The room lost its last member, after {@link #LEAVE}. */
    DELETE,
    /** A socket joined the room (not told when it was a member already). */
    JOIN,
    /** A socket left the room (not told when it was not a member). */
    LEAVE
  }

  /** Checks the type and room are given. */
  public RoomEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(room, "room");
  }
}
