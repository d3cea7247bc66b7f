package dev.sio4j.servlet.internal;

import dev.sio4j.engine.spi.WebSocketHandler;
import dev.sio4j.engine.spi.WebSocketUpgrade;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine's decision on one WebSocket upgrade request, awaited by the request's container thread.
 *
 * <p>Why the request thread waits: {@code ServerContainer.upgradeHttpToWebSocket} (Jakarta WebSocket 2.1 section
 * 6.9) must be called while the container is still processing the request, before {@code service} returns; after
 * {@code startAsync} neither Tomcat nor Jetty can upgrade. The engine decides synchronously unless the application's
 * {@code allowRequest} answers later, so the wait is usually none, and it is bounded by
 * {@link BindingRuntime#HANDSHAKE_TIMEOUT_MILLIS}: a decision later than that is refused (503) and a late accept is
 * reported to its handler as a failed handshake ({@link WebSocketHandler#onClose()} only).
 *
 * <p>Thread-safety: {@link #accept} and {@link #send} come from any thread, {@link #await} from the request thread.
 */
final class WebSocketHandshake implements WebSocketUpgrade, ServletHttpExchange.ResponseSink {

  /** The engine accepted: the 101's extra headers, the message size limit and the handler to report to. */
  record Accepted(Map<String, String> headers, int maxMessageSize, WebSocketHandler handler) {}

  /** The engine refused with this answer. */
  record Refused(int status, Map<String, String> headers, byte[] body) {}

  private Object outcome;
  private boolean abandoned;

  @Override
  public void accept(Map<String, String> headers, int maxMessageSize, WebSocketHandler handler) {
    synchronized (this) {
      if (!abandoned) {
        if (outcome != null) {
          throw new IllegalStateException("upgrade already decided");
        }
        outcome = new Accepted(Map.copyOf(headers), maxMessageSize, handler);
        notifyAll();
        return;
      }
    }
    handler.onClose();
  }

  @Override
  public synchronized void send(int status, Map<String, String> headers, byte[] body) {
    if (!abandoned && outcome == null) {
      outcome = new Refused(status, headers, body);
      notifyAll();
    }
  }

  /** The engine's decision ({@link Accepted} or {@link Refused}), or null when none came in time. */
  synchronized Object await(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (outcome == null) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        abandoned = true;
        return null;
      }
      wait(left);
    }
    return outcome;
  }

  /** The decision made so far, or null. */
  synchronized Object decided() {
    return outcome;
  }

  /** Gives up waiting (the request thread was interrupted): a later decision is dropped. */
  synchronized void abandon() {
    abandoned = true;
  }
}
