package dev.sio4j.server;

/** Sees every event of a socket ({@code onAny}, {@code prependAny}, {@code onAnyOutgoing}): its name and arguments. */
@FunctionalInterface
public interface AnyListener {
  /** An event named {@code event} with {@code args}. */
  void onEvent(String event, Arguments args) throws Exception;
}
