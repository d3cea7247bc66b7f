package dev.sio4j.server.adapter;

/** The adapter contract, for the in-memory adapter. */
class InMemoryAdapterTest extends AdapterContractTest {
  @Override
  Adapter create(AdapterNamespace namespace) {
    return new InMemoryAdapter(namespace);
  }
}
