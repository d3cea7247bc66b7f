package dev.sio4j.client.internal;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;

/**
 * Name resolution for a manager's connections: the JDK resolver, as Netty's default, but owned by the manager. Netty's
 * shared default group watches each event loop's termination through its global executor, which would start a thread
 * of its own when the manager closes; this group is closed by the manager instead.
 */
final class LoopAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {
  private AddressResolver<InetSocketAddress> resolver;

  @Override
  public synchronized AddressResolver<InetSocketAddress> getResolver(EventExecutor executor) {
    if (resolver == null) {
      resolver = newResolver(executor);
    }
    return resolver;
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new DefaultNameResolver(executor).asAddressResolver();
  }

  @Override
  public synchronized void close() {
    if (resolver != null) {
      resolver.close();
      resolver = null;
    }
  }
}
