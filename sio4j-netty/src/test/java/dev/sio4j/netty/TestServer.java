package dev.sio4j.netty;

import dev.sio4j.engine.EngineOptions;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.testing.binding.BindingServer;
import dev.sio4j.testing.binding.BindingStarter;
import java.util.function.UnaryOperator;

/** A {@link BindingServer} on an embedded Netty server, whose builder options the tests may set and reach. */
final class TestServer extends BindingServer {
  final NettyServer server;

  private TestServer(UnaryOperator<EngineOptions.Builder> options, UnaryOperator<NettyServer.Builder> netty,
      HttpHandler... handlers) throws Exception {
    super(starter(netty), options, handlers);
    this.server = ((Started) running()).server();
  }

  static TestServer start() throws Exception {
    return start(b -> b);
  }

  static TestServer start(UnaryOperator<EngineOptions.Builder> options, HttpHandler... handlers) throws Exception {
    return startWith(options, b -> b, handlers);
  }

  static TestServer startWith(UnaryOperator<EngineOptions.Builder> options, UnaryOperator<NettyServer.Builder> netty,
      HttpHandler... handlers) throws Exception {
    return new TestServer(options, netty, handlers);
  }

  /** Starts a Netty server on 127.0.0.1 and a free port with {@code netty} applied to its builder. */
  static BindingStarter starter(UnaryOperator<NettyServer.Builder> netty) {
    return (engine, handlers) -> {
      NettyServer.Builder builder = netty.apply(NettyServer.builder().engine(engine).host("127.0.0.1").port(0));
      for (HttpHandler handler : handlers) {
        builder.handler(handler);
      }
      return new Started(builder.start());
    };
  }

  /**
   * Closes the Netty server alone: it closes the engine itself (ShutdownTest relies on that), where the contract's
   * close closes the engine first.
   */
  @Override
  public void close() {
    server.close();
  }

  private record Started(NettyServer server) implements BindingStarter.Running {
    @Override
    public int port() {
      return server.address().getPort();
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
