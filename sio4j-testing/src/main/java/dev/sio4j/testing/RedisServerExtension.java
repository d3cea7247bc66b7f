package dev.sio4j.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A redis-server of the test class's own, started before its first test and stopped after its last: register it as
 * {@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();} and reach the server
 * through {@link #server()} or {@link #uri()} from the tests.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {
  private RedisServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = RedisServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The running server; only between the class's first and last test. */
  public RedisServer server() {
    if (server == null) {
      throw new IllegalStateException("no redis-server: the extension runs only around a test class");
    }
    return server;
  }

  /** The running server's URI, {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return server().uri();
  }
}
