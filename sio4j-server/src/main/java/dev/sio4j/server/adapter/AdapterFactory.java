package dev.sio4j.server.adapter;

/**
 * Creates the adapter of each namespace ({@code ServerOptions.Builder#adapterFactory}); default
 * {@code InMemoryAdapter::new}.
 */
@FunctionalInterface
public interface AdapterFactory {
  /** The adapter for {@code namespace}. */
  Adapter create(AdapterNamespace namespace);
}
