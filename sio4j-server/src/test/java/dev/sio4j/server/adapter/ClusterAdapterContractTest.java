package dev.sio4j.server.adapter;

/**
 * The adapter contract for the cluster adapter (with heartbeats), each adapter alone on an {@link InMemoryBroker}:
 * what the server's own sockets see must not change when the namespace is published to a cluster.
 */
class ClusterAdapterContractTest extends AdapterContractTest {
  @Override
  Adapter create(AdapterNamespace namespace) {
    // a broker of its own: the test's two adapters share the recording sockets, and must not hear each other
    InMemoryBroker broker = closeAfter(new InMemoryBroker());
    return started(broker.node(namespace, ClusterAdapterOptions.defaults()));
  }
}
