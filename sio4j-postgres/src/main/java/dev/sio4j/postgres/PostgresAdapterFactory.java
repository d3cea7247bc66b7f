package dev.sio4j.postgres;

import dev.sio4j.postgres.internal.PostgresAdapter;
import dev.sio4j.postgres.internal.PostgresPubSub;
import dev.sio4j.server.adapter.Adapter;
import dev.sio4j.server.adapter.AdapterFactory;
import dev.sio4j.server.adapter.AdapterNamespace;
import java.sql.DriverManager;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The Postgres adapter of a server, wire-compatible with the official Node adapter ({@code @socket.io/postgres-adapter}
 * 0.5, {@code createAdapter(pool)}), so Java and Node servers share one cluster through one database:
 * {@code ServerOptions.builder().adapterFactory(PostgresAdapterFactory.create("jdbc:postgresql://host/db?user=u"))}.
 *
 * <p>Each namespace's messages go as notifications ({@code NOTIFY}) on channel {@code <channelPrefix>#<nsp>}, written
 * in the cluster format of the reference ({@code {uid, nsp, type, data}} as JSON). A message carrying binary, or whose
 * JSON is longer than {@code payloadThreshold}, is written (msgpack) into the attachments table, and the notification
 * only says {@code {uid, type, attachmentId}}. The servers count each other by heartbeats.
 *
 * <p>Lifecycle: one factory per server. It holds two connections: one listening ({@code LISTEN}, polled by a thread of
 * its own, in the order Postgres delivers), one for {@code NOTIFY}, the attachments and their cleanup (a thread of its
 * own too). They open when the first namespace's adapter starts, which blocks until it listens, and close when the
 * server closes its last adapter. A lost connection is opened again after {@code reconnectDelay}; notifications sent
 * meanwhile are lost, as with the reference. Thread-safe.
 */
public final class PostgresAdapterFactory implements AdapterFactory {
  private final PostgresPubSub pubSub;
  private final PostgresAdapterOptions options;

  private PostgresAdapterFactory(PostgresConnector connector, PostgresAdapterOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.pubSub = new PostgresPubSub(Objects.requireNonNull(connector, "connector"), options);
  }

  /** Adapters whose connections {@code connector} opens, with {@code options}. */
  public static PostgresAdapterFactory create(PostgresConnector connector, PostgresAdapterOptions options) {
    return new PostgresAdapterFactory(connector, options);
  }

  /** Adapters over connections of {@code dataSource}, with {@code options}. */
  public static PostgresAdapterFactory create(DataSource dataSource, PostgresAdapterOptions options) {
    Objects.requireNonNull(dataSource, "dataSource");
    return new PostgresAdapterFactory(dataSource::getConnection, options);
  }

  /**
   * Adapters over connections to JDBC URL {@code url} (e.g.
   * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), with {@code options}.
   */
  public static PostgresAdapterFactory create(String url, PostgresAdapterOptions options) {
    Objects.requireNonNull(url, "url");
    return new PostgresAdapterFactory(() -> DriverManager.getConnection(url), options);
  }

  /** Adapters over connections to JDBC URL {@code url}, with the defaults. */
  public static PostgresAdapterFactory create(String url) {
    return create(url, PostgresAdapterOptions.defaults());
  }

  /** The options. */
  public PostgresAdapterOptions options() {
    return options;
  }

  @Override
  public Adapter create(AdapterNamespace namespace) {
    return new PostgresAdapter(namespace, pubSub, options);
  }
}
