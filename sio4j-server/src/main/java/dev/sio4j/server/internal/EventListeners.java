package dev.sio4j.server.internal;

import dev.sio4j.server.AnyListener;
import dev.sio4j.server.DisconnectListener;
import dev.sio4j.server.ErrorListener;
import dev.sio4j.server.EventListener;
import dev.sio4j.server.PacketMiddleware;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every listener of one socket: per event name ({@code on}, {@code once}), catch-all ({@code onAny}), outgoing
 * catch-all, disconnecting, disconnect, error, and the packet middlewares. Registration from any thread;
 * {@link #deliver} runs on the socket's handler executor. A failing listener is logged and the next one still runs.
 *
 * <p>Memory: a socket costs one object here plus what is registered. Each list is an immutable list replaced on
 * change (copy-on-write under this object's lock), starting as the one shared empty list; readers take a volatile
 * snapshot. Registration is rare next to delivery, and most sockets register a handful of listeners or none, so
 * this is far smaller than a concurrent map and seven concurrent lists per socket (idle memory).
 */
final class EventListeners {
  private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

  private record Registration(EventListener listener, boolean once) {}

  private volatile ByEvent byEvent = ByEvent.NONE;
  private volatile List<AnyListener> any = List.of();
  private volatile List<AnyListener> anyOutgoing = List.of();
  private volatile List<DisconnectListener> disconnecting = List.of();
  private volatile List<DisconnectListener> disconnected = List.of();
  private volatile List<ErrorListener> errors = List.of();
  private volatile List<PacketMiddleware> middlewares = List.of();

  // --- per event name -------------------------------------------------------------------------------------------

  synchronized void add(String event, EventListener listener, boolean once) {
    List<Registration> list = byEvent.get(event);
    replace(event, with(list == null ? List.of() : list, new Registration(listener, once), false));
  }

  synchronized void remove(String event, EventListener listener) {
    List<Registration> list = byEvent.get(event);
    if (list == null) {
      return;
    }
    for (Registration r : list) {
      if (r.listener() == listener) {
        replace(event, without(list, r));
        return;
      }
    }
  }

  synchronized void removeAll(String event) {
    if (byEvent.get(event) != null) {
      replace(event, List.of());
    }
  }

  /** Removes {@code registration} (a {@code once} one about to run); false when another thread removed it first. */
  private synchronized boolean take(String event, Registration registration) {
    List<Registration> list = byEvent.get(event);
    if (list == null || indexOf(list, registration) < 0) {
      return false;
    }
    replace(event, without(list, registration));
    return true;
  }

  private void replace(String event, List<Registration> list) {
    byEvent = byEvent.with(event, list);
  }

  // --- the other lists ------------------------------------------------------------------------------------------

  synchronized void addAny(AnyListener listener, boolean first) {
    any = with(any, listener, first);
  }

  synchronized void removeAny(AnyListener listener) {
    any = without(any, listener);
  }

  synchronized void clearAny() {
    any = List.of();
  }

  synchronized void addAnyOutgoing(AnyListener listener, boolean first) {
    anyOutgoing = with(anyOutgoing, listener, first);
  }

  synchronized void removeAnyOutgoing(AnyListener listener) {
    anyOutgoing = without(anyOutgoing, listener);
  }

  synchronized void addDisconnecting(DisconnectListener listener) {
    disconnecting = with(disconnecting, listener, false);
  }

  synchronized void addDisconnected(DisconnectListener listener) {
    disconnected = with(disconnected, listener, false);
  }

  synchronized void addError(ErrorListener listener) {
    errors = with(errors, listener, false);
  }

  synchronized void addMiddleware(PacketMiddleware middleware) {
    middlewares = with(middlewares, middleware, false);
  }

  /** Snapshots for the socket to iterate (immutable). */
  List<AnyListener> anyOutgoing() {
    return anyOutgoing;
  }

  List<DisconnectListener> disconnecting() {
    return disconnecting;
  }

  List<DisconnectListener> disconnected() {
    return disconnected;
  }

  List<ErrorListener> errors() {
    return errors;
  }

  List<PacketMiddleware> middlewares() {
    return middlewares;
  }

  // --- delivery -------------------------------------------------------------------------------------------------

  /** The catch-all listeners first, then those of the event's name; a {@code once} listener runs at most once. */
  void deliver(EventImpl event) {
    for (AnyListener listener : any) {
      try {
        listener.onEvent(event.name(), event.arguments());
      } catch (Exception e) {
        log.error("catch-all listener failed on {}", event.name(), e);
      }
    }
    List<Registration> list = byEvent.get(event.name());
    if (list == null) {
      return;
    }
    for (Registration registration : list) {
      if (registration.once() && !take(event.name(), registration)) {
        continue;
      }
      try {
        registration.listener().handle(event);
      } catch (Exception e) {
        log.error("listener of event {} failed", event.name(), e);
      }
    }
  }

  /**
   * The lists of listeners by event name, immutable and replaced whole on change: parallel arrays, looked up by a scan
   * while there are few names (what a socket usually registers: no hash table to build per registration, as a copied
   * map costs, or to keep per socket), with a map from name to position beside them beyond that.
   */
  private static final class ByEvent {
    private static final int SCAN_LIMIT = 8;
    static final ByEvent NONE = new ByEvent(new String[0], new Object[0], null);

    private final String[] names;
    // List<Registration> each, never empty
    private final Object[] lists;
    private final Map<String, Integer> positions;

    private ByEvent(String[] names, Object[] lists, Map<String, Integer> positions) {
      this.names = names;
      this.lists = lists;
      this.positions = positions;
    }

    private static ByEvent of(String[] names, Object[] lists) {
      if (names.length == 0) {
        return NONE;
      }
      Map<String, Integer> positions = null;
      if (names.length > SCAN_LIMIT) {
        positions = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) {
          positions.put(names[i], i);
        }
      }
      return new ByEvent(names, lists, positions);
    }

    /** The listeners of {@code name}, or null when it has none. */
    @SuppressWarnings("unchecked")
    List<Registration> get(String name) {
      int i = position(name);
      return i < 0 ? null : (List<Registration>) lists[i];
    }

    private int position(String name) {
      if (positions != null) {
        Integer i = positions.get(name);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    /** These lists with {@code name}'s replaced by {@code list}; an empty one removes the name. */
    ByEvent with(String name, List<Registration> list) {
      int i = position(name);
      if (i >= 0 && !list.isEmpty()) {
        Object[] next = lists.clone();
        next[i] = list;
        return new ByEvent(names, next, positions);
      }
      if (i >= 0) {
        int n = names.length - 1;
        String[] nextNames = new String[n];
        Object[] nextLists = new Object[n];
        System.arraycopy(names, 0, nextNames, 0, i);
        System.arraycopy(names, i + 1, nextNames, i, n - i);
        System.arraycopy(lists, 0, nextLists, 0, i);
        System.arraycopy(lists, i + 1, nextLists, i, n - i);
        return of(nextNames, nextLists);
      }
      if (list.isEmpty()) {
        return this;
      }
      String[] nextNames = Arrays.copyOf(names, names.length + 1);
      Object[] nextLists = Arrays.copyOf(lists, lists.length + 1);
      nextNames[names.length] = name;
      nextLists[lists.length] = list;
      return of(nextNames, nextLists);
    }
  }

  // --- immutable list helpers -----------------------------------------------------------------------------------

  /** {@code list} with {@code item} added first or last, as a new immutable list. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> with(List<T> list, T item, boolean first) {
    int size = list.size();
    Object[] items = new Object[size + 1];
    int offset = first ? 1 : 0;
    for (int i = 0; i < size; i++) {
      items[i + offset] = list.get(i);
    }
    items[first ? 0 : size] = item;
    return (List<T>) List.of(items);
  }

  /** {@code list} without the first element identical to {@code item} (unchanged when none is). */
  @SuppressWarnings("unchecked")
  private static <T> List<T> without(List<T> list, Object item) {
    int index = indexOf(list, item);
    if (index < 0) {
      return list;
    }
    Object[] items = new Object[list.size() - 1];
    for (int i = 0, j = 0; i < list.size(); i++) {
      if (i != index) {
        items[j++] = list.get(i);
      }
    }
    return (List<T>) List.of(items);
  }

  private static int indexOf(List<?> list, Object item) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == item) {
        return i;
      }
    }
    return -1;
  }
}
