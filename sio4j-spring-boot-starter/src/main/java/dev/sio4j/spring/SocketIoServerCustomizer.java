package dev.sio4j.spring;

import dev.sio4j.server.ServerOptions;

/**
 * A bean that adjusts the options of the auto-configured {@link dev.sio4j.server.SocketIoServer} beyond the
 * {@code sio4j.*} properties (a handler executor, an allowRequest filter, cookie options...). Called once, in
 * {@code @Order}, after the properties were applied and before the server is created.
 */
@FunctionalInterface
public interface SocketIoServerCustomizer {
  /** Adjusts {@code options}. */
  void customize(ServerOptions.Builder options);
}
