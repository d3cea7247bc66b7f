package dev.sio4j.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection to the database, e.g. {@code dataSource::getConnection} or
 * {@code () -> DriverManager.getConnection(url)}. The connection must be the PostgreSQL JDBC driver's, or unwrap to
 * its {@code PGConnection} (pools such as HikariCP's do). Called from the adapter's own threads.
 */
@FunctionalInterface
public interface PostgresConnector {
  /** A new connection. */
  Connection connect() throws SQLException;
}
