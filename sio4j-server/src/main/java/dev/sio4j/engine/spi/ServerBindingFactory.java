package dev.sio4j.engine.spi;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Starts a {@link ServerBinding}; found with {@link java.util.ServiceLoader}, so that {@code listen(port)} works as
 * soon as a binding module (sio4j-netty) is on the class path.
 */
public interface ServerBindingFactory {

  /**
   * Binds {@code address} and routes requests: first to {@code handlers} in order, then Engine.IO requests under the
   * engine's path to {@code engine}; anything else gets 404.
   */
  ServerBinding bind(EngineServer engine, List<HttpHandler> handlers, InetSocketAddress address) throws IOException;

  /**
   * Binds {@code address} for a server's warm-up ({@code ServerOptions.Builder#warmUpConnections}): as {@link #bind},
   * with no handlers. A binding may leave out what concerns only a server in service: announcing where it listens,
   * or a pause at close for the last writes to reach the clients (the warm-up's are gone when it is closed).
   */
  default ServerBinding bindForWarmUp(EngineServer engine, InetSocketAddress address) throws IOException {
    return bind(engine, List.of(), address);
  }
}
