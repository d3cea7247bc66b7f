package dev.sio4j.engine.spi;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** A running HTTP/WebSocket server that carries an engine's traffic (e.g. the embedded Netty server). */
public interface ServerBinding extends AutoCloseable {

  /** The address actually bound (the real port when port 0 was asked for). */
  InetSocketAddress address();

  /** Stops accepting, then stops the server; the engine is closed by its owner. Completes when stopped. */
  CompletableFuture<Void> closeAsync();

  /** Stops the server and waits. */
  @Override
  default void close() {
    closeAsync().join();
  }
}
