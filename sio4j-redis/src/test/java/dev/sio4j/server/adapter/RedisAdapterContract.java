package dev.sio4j.server.adapter;

import dev.sio4j.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The adapter contract for a Redis adapter over a real redis-server of the class's own: each adapter the contract
 * creates comes from {@link #factory} with an index of its own, so that the contract's adapters, which share the
 * recording sockets, never hear each other; each is closed after its test.
 */
abstract class RedisAdapterContract extends AdapterContractTest {
  @RegisterExtension
  static final RedisServerExtension REDIS = new RedisServerExtension();
  private final List<Adapter> created = new ArrayList<>();

  /** The factory of the adapter under test on {@code uri}, its keys and channels named after {@code index}. */
  abstract AdapterFactory factory(String uri, int index);

  @Override
  Adapter create(AdapterNamespace namespace) {
    Adapter adapter = factory(REDIS.uri(), created.size()).create(namespace);
    adapter.init();
    created.add(adapter);
    return adapter;
  }

  @AfterEach
  void closeAdapters() {
    created.forEach(Adapter::close);
    created.clear();
  }
}
