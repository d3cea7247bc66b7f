package dev.sio4j.netty;

import dev.sio4j.engine.EngineServer;
import dev.sio4j.engine.HttpHandler;
import dev.sio4j.engine.spi.ServerBinding;
import dev.sio4j.engine.spi.ServerBindingFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** Makes {@link NettyServer} the binding found by {@link java.util.ServiceLoader} when sio4j-netty is present. */
public final class NettyServerBindingFactory implements ServerBindingFactory {

  @Override
  public ServerBinding bind(EngineServer engine, List<HttpHandler> handlers, InetSocketAddress address)
      throws IOException {
    return NettyServer.builder().engine(engine).handlers(handlers).host(address.getHostString())
        .port(address.getPort()).start();
  }

  @Override
  public ServerBinding bindForWarmUp(EngineServer engine, InetSocketAddress address) throws IOException {
    return NettyServer.builder().engine(engine).host(address.getHostString()).port(address.getPort())
        .forWarmUp().start();
  }
}
