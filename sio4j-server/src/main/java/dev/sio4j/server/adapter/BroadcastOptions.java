package dev.sio4j.server.adapter;

import java.util.Set;

/**
 * Who a broadcast targets and how: the reference adapter's {@code BroadcastOptions} ({@code rooms}, {@code except},
 * {@code flags}). Immutable; a cluster adapter serializes it to other servers.
 *
 * @param rooms the targeted rooms (every socket when empty)
 * @param except the rooms whose sockets are left out
 * @param volatileFlag drop the packet for sockets whose transport cannot write now
 * @param compress whether the transport may compress
 * @param local only this server's sockets
 * @param timeoutMillis acknowledgement timeout, 0 for none
 * @param key the latest-value key ({@code BroadcastOperator.latest}): a later packet with the same key replaces this
 *     one while it still waits in a socket's send buffer; {@code null} for none. Local to this server: the reference
 *     has no such flag, and the cluster adapters carry only its flags.
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean volatileFlag, boolean compress,
    boolean local, long timeoutMillis, String key) {

  /** Every socket, compressed, no flag. */
  public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false, true, false, 0);

  /** Options without a latest-value key. */
  public BroadcastOptions(Set<String> rooms, Set<String> except, boolean volatileFlag, boolean compress,
      boolean local, long timeoutMillis) {
    this(rooms, except, volatileFlag, compress, local, timeoutMillis, null);
  }

  /** Makes the sets unmodifiable copies. */
  public BroadcastOptions {
    rooms = Set.copyOf(rooms);
    except = Set.copyOf(except);
    if (timeoutMillis < 0) {
      throw new IllegalArgumentException("timeoutMillis must be >= 0");
    }
  }
}
