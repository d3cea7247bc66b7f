package dev.sio4j.engine;

import java.util.Map;

/**
 * Adds or changes response headers of Engine.IO responses (the reference's {@code initial_headers} and
 * {@code headers} events): e.g. a custom cookie on the handshake.
 *
 * <p>Called on an I/O thread; must not block. The map is mutable and holds the headers the engine is about to send.
 */
@FunctionalInterface
public interface HeadersHook {

  /** Edits {@code headers}, the response headers for {@code request}. */
  void onHeaders(EngineRequest request, Map<String, String> headers);
}
