package dev.sio4j.server.adapter;

import dev.sio4j.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter contract for a Redis adapter over a real redis-server of the class's own: each adapter the contract
 * creates comes from {@link #factory} with an index of its own, so that the contract's adapters, which share the
 * recording sockets, never hear each other; each is closed after its test.
 */
abstract class RedisAdapterContract extends AdapterContractTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();
  private int created;

  /** The factory of the adapter under test on {@code uri}, its keys and channels named after {@code index}. */
  abstract AdapterFactory factory(String uri, int index);

  @Override
  Adapter create(AdapterNamespace namespace) {
    return started(factory(REDIS.uri(), created++).create(namespace));
  }
}
