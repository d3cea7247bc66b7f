package dev.sio4j.server.internal;

import dev.sio4j.server.AnyListener;
import dev.sio4j.server.EventListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one socket's incoming events: per event name ({@code on}, {@code once}) and catch-all
 * ({@code onAny}). Registration from any thread; {@link #deliver} runs on the socket's handler executor. A failing
 * listener is logged and the next one still runs.
 */
final class EventListeners {
  private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

  private record Registration(EventListener listener, boolean once) {}

  private final Map<String, List<Registration>> byEvent = new ConcurrentHashMap<>();
  final List<AnyListener> any = new CopyOnWriteArrayList<>();

  void add(String event, EventListener listener, boolean once) {
    byEvent.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(new Registration(listener, once));
  }

  void remove(String event, EventListener listener) {
    List<Registration> list = byEvent.get(event);
    if (list != null) {
      for (Registration r : list) {
        if (r.listener() == listener) {
          list.remove(r);
          break;
        }
      }
    }
  }

  void removeAll(String event) {
    byEvent.remove(event);
  }

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
      if (registration.once() && !list.remove(registration)) {
        continue;
      }
      try {
        registration.listener().handle(event);
      } catch (Exception e) {
        log.error("listener of event {} failed", event.name(), e);
      }
    }
  }
}
