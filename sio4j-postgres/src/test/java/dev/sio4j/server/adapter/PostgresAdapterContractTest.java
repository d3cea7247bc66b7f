package dev.sio4j.server.adapter;

import dev.sio4j.postgres.PostgresAdapterFactory;
import dev.sio4j.postgres.PostgresAdapterOptions;
import dev.sio4j.testing.PostgresDatabase;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;

/**
 * The adapter contract for the Postgres adapter, over the local PostgreSQL ({@link PostgresDatabase}): what the
 * server's own sockets see must not change when the namespace is published through Postgres. (Servers joined over
 * Postgres: PostgresAdapterTest, and the mixed Java/Node cluster of the interop tests.)
 */
class PostgresAdapterContractTest extends AdapterContractTest {
  @BeforeAll
  static void requirePostgres() {
    PostgresDatabase.require();
  }

  @Override
  Adapter create(AdapterNamespace namespace) {
    // a channel prefix of its own: the test's two adapters share the recording sockets, and must not hear each other,
    // nor what an earlier test's adapters sent just before they closed
    String prefix = "contract" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    return started(PostgresAdapterFactory.create(PostgresDatabase.url(),
        PostgresAdapterOptions.builder().channelPrefix(prefix).build()).create(namespace));
  }
}
