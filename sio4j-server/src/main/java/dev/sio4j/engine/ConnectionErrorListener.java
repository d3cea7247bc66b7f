package dev.sio4j.engine;

/**
 * Told about each request the engine refused (the reference's {@code io.engine.on("connection_error")}). Called on an
 * I/O thread, before the answer is written: return quickly and never block. An exception it throws is logged.
 */
@FunctionalInterface
public interface ConnectionErrorListener {
  /** {@code error} refused a request. */
  void onConnectionError(ConnectionError error);
}
