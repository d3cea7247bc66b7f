package dev.sio4j.examples.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The chat's rooms: who is in each (by socket id, with nicknames), a bounded recent history, and the ids of recent
 * posts so that a message the client sends twice (a retry after a lost acknowledgement) is stored and broadcast once.
 *
 * <p>Public for the Spring Boot chat example, which runs the same page over the same state. This is the application's
 * state; Socket.IO's own rooms (which route broadcasts) are joined alongside. Thread-safe:
 * each room is guarded by its own lock, so handlers of different sockets run concurrently.
 */
public final class ChatRooms {
  /** Room names: letters, digits, '-', '_', 1 to 32 of them. */
  public static final Pattern ROOM_NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

  /** How many recent post ids a room remembers for de-duplication, whatever its history size. */
  private static final int REMEMBERED_IDS = 1000;

  private final int historySize;
  private final int maxRooms;
  private final Set<String> permanent;
  private final Map<String, Room> rooms = new ConcurrentHashMap<>();
  // Each change of a room's members takes the next number, under that room's lock. Lists of the same room reach a page
  // from the handlers of different sockets, in whatever order their threads emit them; the page keeps the newest.
  private final AtomicLong versions = new AtomicLong();

  public ChatRooms(int historySize, int maxRooms, List<String> permanentRooms) {
    this.historySize = historySize;
    this.maxRooms = maxRooms;
    this.permanent = new LinkedHashSet<>(permanentRooms);
    for (String name : permanentRooms) {
      rooms.put(name, new Room(name));
    }
  }

  /**
   * A room's members after a change, and the change's number: a later change of any room has a greater one, so that
   * of two lists of the same room the newer is known whatever order they arrive in.
   */
  public record Members(List<String> names, long version) {}

  /** The result of a join: the room's history and members after joining. */
  public record Joined(String room, List<ChatMessage> history, Members members) {}

  /** The result of a post: the stored message, and whether it had been posted before (then it is not re-sent). */
  public record Posted(ChatMessage message, boolean duplicate) {}

  /** A line of the room directory. */
  public record Summary(String name, int members, int history) {}

  /** {@code room} trimmed and lower-cased, or null when it is not a valid room name. */
  public static String normalize(String room) {
    if (room == null) {
      return null;
    }
    String name = room.trim().toLowerCase(java.util.Locale.ROOT);
    return ROOM_NAME.matcher(name).matches() ? name : null;
  }

  /**
   * Adds {@code socketId} (nickname {@code name}) to {@code room}, creating it if there is room for one more.
   *
   * @return the room's state, or {@code null} when the server already has its maximum number of rooms
   */
  public Joined join(String room, String socketId, String name) {
    while (true) {
      Room r = rooms.get(room);
      if (r == null) {
        if (rooms.size() >= maxRooms) {
          return null;
        }
        r = rooms.computeIfAbsent(room, Room::new);
      }
      synchronized (r) {
        if (r.removed) {
          continue; // emptied and dropped meanwhile; make a new one
        }
        r.members.put(socketId, name);
        return new Joined(room, List.copyOf(r.history), members(r));
      }
    }
  }

  /** Removes {@code socketId} from {@code room}; returns the remaining members, or {@code null} if it was not there. */
  public Members leave(String room, String socketId) {
    Room r = rooms.get(room);
    if (r == null) {
      return null;
    }
    synchronized (r) {
      if (r.members.remove(socketId) == null) {
        return null;
      }
      Members left = members(r);
      dropIfEmpty(r);
      return left;
    }
  }

  /** Removes {@code socketId} from every room; returns each room it was in with that room's remaining members. */
  public Map<String, Members> leaveAll(String socketId) {
    Map<String, Members> left = new LinkedHashMap<>();
    for (Room r : rooms.values()) {
      synchronized (r) {
        if (r.members.remove(socketId) != null) {
          left.put(r.name, members(r));
          dropIfEmpty(r);
        }
      }
    }
    return left;
  }

  public boolean isMember(String room, String socketId) {
    Room r = rooms.get(room);
    if (r == null) {
      return false;
    }
    synchronized (r) {
      return r.members.containsKey(socketId);
    }
  }

  /**
   * Records {@code message} unless its id was seen in that room. A duplicate returns the stored one.
   *
   * @param storeInHistory false for posts that are not kept (images)
   * @return the outcome, or {@code null} when the room does not exist
   */
  public Posted post(ChatMessage message, boolean storeInHistory) {
    Room r = rooms.get(message.room());
    if (r == null) {
      return null;
    }
    synchronized (r) {
      ChatMessage earlier = r.recentIds.get(message.id());
      if (earlier != null) {
        return new Posted(earlier, true);
      }
      r.recentIds.put(message.id(), message);
      if (storeInHistory) {
        r.history.addLast(message);
        if (r.history.size() > historySize) {
          r.history.removeFirst();
        }
      }
      return new Posted(message, false);
    }
  }

  /** Every room, permanent ones first, then by name. */
  public List<Summary> directory() {
    List<Summary> out = new ArrayList<>();
    for (Room r : rooms.values()) {
      synchronized (r) {
        out.add(new Summary(r.name, r.members.size(), r.history.size()));
      }
    }
    out.sort(Comparator.<Summary, Boolean>comparing(s -> !permanent.contains(s.name())).thenComparing(Summary::name));
    return out;
  }

  /** {@code r}'s members after a change. Called holding r's lock. */
  private Members members(Room r) {
    return new Members(r.memberNames(), versions.incrementAndGet());
  }

  /** Rooms that are not permanent disappear, history and all, with their last member. Called holding r's lock. */
  private void dropIfEmpty(Room r) {
    if (r.members.isEmpty() && !permanent.contains(r.name)) {
      r.removed = true;
      rooms.remove(r.name, r);
    }
  }

  private static final class Room {
    final String name;
    final Map<String, String> members = new LinkedHashMap<>();
    final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
    final LinkedHashMap<String, ChatMessage> recentIds = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, ChatMessage> eldest) {
        return size() > REMEMBERED_IDS;
      }
    };
    boolean removed;

    Room(String name) {
      this.name = name;
    }

    /** Distinct nicknames, sorted (one person may have several tabs open). */
    List<String> memberNames() {
      return new ArrayList<>(new java.util.TreeSet<>(members.values()));
    }
  }
}
