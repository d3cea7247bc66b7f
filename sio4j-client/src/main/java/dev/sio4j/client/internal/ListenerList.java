package dev.sio4j.client.internal;

import dev.sio4j.client.Subscription;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one event: added and removed from any thread, called in registration order. A listener added
 * with {@code once} is removed before its first call.
 */
public final class ListenerList<L> {
  private final class Entry {
    final L listener;
    final boolean once;

    Entry(L listener, boolean once) {
      this.listener = listener;
      this.once = once;
    }
  }

  // Created with the first listener: a connection has a dozen lists and most of them stay empty.
  private volatile CopyOnWriteArrayList<Entry> entries;

  public Subscription add(L listener, boolean once) {
    Entry e = new Entry(java.util.Objects.requireNonNull(listener, "listener"), once);
    CopyOnWriteArrayList<Entry> list = entries;
    if (list == null) {
      synchronized (this) {
        list = entries;
        if (list == null) {
          list = new CopyOnWriteArrayList<>();
          entries = list;
        }
      }
    }
    list.add(e);
    CopyOnWriteArrayList<Entry> added = list;
    return () -> added.remove(e);
  }

  /** Removes every registration of {@code listener}. */
  public void remove(L listener) {
    CopyOnWriteArrayList<Entry> list = entries;
    if (list != null) {
      list.removeIf(e -> e.listener == listener);
    }
  }

  public void clear() {
    CopyOnWriteArrayList<Entry> list = entries;
    if (list != null) {
      list.clear();
    }
  }

  public boolean isEmpty() {
    CopyOnWriteArrayList<Entry> list = entries;
    return list == null || list.isEmpty();
  }

  /** Calls each listener; exceptions propagate to the caller's dispatcher, which logs them and goes on. */
  public void forEach(Consumer<L> call) {
    CopyOnWriteArrayList<Entry> entries = this.entries;
    if (entries == null) {
      return;
    }
    for (Entry e : entries) {
      if (e.once && !entries.remove(e)) {
        continue;
      }
      try {
        call.accept(e.listener);
      } catch (RuntimeException ex) {
        org.slf4j.LoggerFactory.getLogger(ListenerList.class).error("a listener threw", ex);
      }
    }
  }
}
