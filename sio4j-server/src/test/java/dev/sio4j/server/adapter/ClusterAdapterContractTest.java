package dev.sio4j.server.adapter;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The adapter contract for the cluster adapter (with heartbeats), each adapter alone on an {@link InMemoryBroker}:
 * what the server's own sockets see must not change when the namespace is published to a cluster.
 */
class ClusterAdapterContractTest extends AdapterContractTest {
  private final List<InMemoryBroker> brokers = new ArrayList<>();
  private final List<Adapter> created = new ArrayList<>();

  @Override
  Adapter create(AdapterNamespace namespace) {
    // a broker of its own: the test's two adapters share the recording sockets, and must not hear each other
    InMemoryBroker broker = new InMemoryBroker();
    brokers.add(broker);
    Adapter adapter = broker.node(namespace, ClusterAdapterOptions.defaults());
    adapter.init();
    created.add(adapter);
    return adapter;
  }

  @AfterEach
  void closeAdapters() {
    created.forEach(Adapter::close);
    brokers.forEach(InMemoryBroker::close);
  }
}
