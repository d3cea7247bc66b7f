package dev.sio4j.netty.internal;

import dev.sio4j.engine.HttpHandler;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection's pipeline is built from: the server builder's validated settings. Immutable.
 *
 * @param handlers the application's handlers, asked before the engine
 * @param maxInitialLineLength longest request line accepted (longer: 400 and close)
 * @param maxHeaderSize largest header block accepted
 * @param idleTimeoutMillis how long an HTTP connection may idle without a held long-polling GET
 * @param closeFrameTimeoutMillis how long a WebSocket's close frame may wait to be written before the connection is
 *     closed anyway
 * @param tls the TLS handlers' source, or {@code null} for plain HTTP
 * @param connections counts the open connections
 */
public record BindingConfig(
    List<HttpHandler> handlers,
    int maxInitialLineLength,
    int maxHeaderSize,
    long idleTimeoutMillis,
    long closeFrameTimeoutMillis,
    TlsContext tls,
    AtomicInteger connections) {

  /** Copies the handler list. */
  public BindingConfig {
    handlers = List.copyOf(handlers);
  }

  /** Whether connections are TLS. */
  public boolean secure() {
    return tls != null;
  }
}
