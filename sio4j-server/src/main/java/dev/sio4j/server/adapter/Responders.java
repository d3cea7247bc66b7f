package dev.sio4j.server.adapter;

import java.util.Set;

/**
 * The servers a {@link ClusterAdapter} request waits for: a number, or (when known) their uids.
 *
 * @param count how many other servers must answer
 * @param uids their uids, or {@code null} when only counted
 */
public record Responders(int count, Set<String> uids) {
  /** {@code count} servers, not named. */
  public static Responders count(int count) {
    return new Responders(Math.max(0, count), null);
  }

  /** The servers {@code uids}. */
  public static Responders of(Set<String> uids) {
    return new Responders(uids.size(), Set.copyOf(uids));
  }

  boolean isEmpty() {
    return count == 0;
  }
}
