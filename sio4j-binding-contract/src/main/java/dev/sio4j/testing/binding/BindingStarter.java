package dev.sio4j.testing.binding;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import java.util.List;

/**
 * Starts the transport binding under test (Netty, a Servlet container) on 127.0.0.1 and a free port, routing as
 * {@link dev.sio4j.engine.spi.ServerBindingFactory} says: {@code handlers} in order, then the engine under its path.
 * Each binding module's contract tests implement it once and run every {@code *Contract} class with it.
 */
@FunctionalInterface
public interface BindingStarter {

  /** Starts serving {@code engine}; the caller closes what it returns (the engine is closed by the caller too). */
  Running start(EngineServer engine, List<HttpHandler> handlers) throws Exception;

  /** A started binding. */
  interface Running extends AutoCloseable {
    /** The port it listens on. */
    int port();

    /** Stops the binding. */
    @Override
    void close() throws Exception;
  }
}
