package dev.sio4j.server.internal;

import dev.sio4j.server.AnyListener;
import dev.sio4j.server.DisconnectListener;
import dev.sio4j.server.ErrorListener;
import dev.sio4j.server.EventListener;
import dev.sio4j.server.PacketMiddleware;
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

  private volatile Map<String, List<Registration>> byEvent = Map.of();
  private volatile List<AnyListener> any = List.of();
  private volatile List<AnyListener> anyOutgoing = List.of();
  private volatile List<DisconnectListener> disconnecting = List.of();
  private volatile List<DisconnectListener> disconnected = List.of();
  private volatile List<ErrorListener> errors = List.of();
  private volatile List<PacketMiddleware> middlewares = List.of();

  // --- per event name -------------------------------------------------------------------------------------------

  synchronized void add(String event, EventListener listener, boolean once) {
    Map<String, List<Registration>> next = new HashMap<>(byEvent);
    next.put(event, with(next.getOrDefault(event, List.of()), new Registration(listener, once), false));
    byEvent = Map.copyOf(next);
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
    if (byEvent.containsKey(event)) {
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
    Map<String, List<Registration>> next = new HashMap<>(byEvent);
    if (list.isEmpty()) {
      next.remove(event);
    } else {
      next.put(event, list);
    }
    byEvent = Map.copyOf(next);
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
