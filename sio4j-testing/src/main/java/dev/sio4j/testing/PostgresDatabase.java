package dev.sio4j.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL the tests use: a running server, {@code 127.0.0.1:5432}, trust authentication, database {@code test},
 * user {@code postgres} ({@code scripts/test.sh} installs and starts it). Overridden by the environment variable
 * {@code SIO4J_POSTGRES_URL} (a JDBC URL). A test that needs it fails, never skips, when it is absent.
 */
public final class PostgresDatabase {
  private PostgresDatabase() {}

  /** The JDBC URL. */
  public static String url() {
    String url = System.getenv("SIO4J_POSTGRES_URL");
    return url != null ? url : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  }

  /** The same database as a {@code postgres://} URL, for node-postgres. */
  public static String nodeUrl() {
    String url = System.getenv("SIO4J_POSTGRES_NODE_URL");
    return url != null ? url : "postgres://postgres@127.0.0.1:5432/test";
  }

  /**
   * Checks that the database answers.
   *
   * @throws IllegalStateException saying how to provide it, when it does not
   */
  public static void require() {
    try (Connection connection = DriverManager.getConnection(url())) {
      connection.createStatement().execute("SELECT 1");
    } catch (SQLException e) {
      throw new IllegalStateException("these tests need PostgreSQL at " + url() + " (trust authentication, database "
          + "'test'; or set SIO4J_POSTGRES_URL): " + e.getMessage(), e);
    }
  }
}
