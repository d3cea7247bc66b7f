package dev.sio4j.server.adapter;

/**
 * Told about changes of a namespace's local rooms ({@link Adapter#onRoomEvent}). Called on the thread that made the
 * change (an I/O or handler thread), after the fact: return quickly and never block. Events of one room may come from
 * several threads at once, so act on the adapter's current state rather than on the order of calls. An exception it
 * throws is logged.
 */
@FunctionalInterface
public interface RoomListener {
  /** {@code event} happened. */
  void onRoomEvent(RoomEvent event);
}
