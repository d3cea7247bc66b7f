package dev.sio4j.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one asynchronous request without blocking: the body goes out through a {@link WriteListener} (Servlet 6.0
 * section 5.7), and the {@link AsyncContext} is completed once the answer is flushed and the request body, when one is
 * being read or drained, has ended. Also the request's {@link AsyncListener}: a connection error reported by the
 * container aborts the exchange, so a long-polling GET whose client went away is freed.
 *
 * <p>Thread-safety: {@link #send} may be called from any thread, once; the container calls the listeners one at a time.
 */
final class AsyncResponse implements ServletHttpExchange.ResponseSink, WriteListener, AsyncListener {
  private static final Logger log = LoggerFactory.getLogger(AsyncResponse.class);

  private final AsyncContext async;
  private final HttpServletResponse response;
  private final ServletHttpExchange exchange;
  private final boolean head;
  // the answer, plus one while a request body is still being read
  private final AtomicInteger pending = new AtomicInteger(1);
  private final AtomicBoolean completed = new AtomicBoolean();
  private byte[] body;
  private boolean bodyWritten;
  private boolean finished;

  AsyncResponse(AsyncContext async, ServletHttpExchange exchange) {
    this.async = async;
    this.response = (HttpServletResponse) async.getResponse();
    this.exchange = exchange;
    this.head = "HEAD".equals(exchange.method());
  }

  /** A request body is being read: completion also waits for {@link #bodyDone()}. Before {@link #send}. */
  void expectBody() {
    pending.incrementAndGet();
  }

  /** The request body was read (or drained, or given up on). */
  void bodyDone() {
    release();
  }

  @Override
  public void send(int status, Map<String, String> headers, byte[] responseBody) {
    response.setStatus(status);
    String declaredLength = null;
    boolean close = exchange.bodyTooLarge();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("content-length")) {
        declaredLength = header.getValue();
        continue;
      }
      if (header.getKey().equalsIgnoreCase("connection") && header.getValue().equalsIgnoreCase("close")) {
        close = true;
      }
      response.setHeader(header.getKey(), header.getValue());
    }
    // RFC 9110 section 9.3.2: a HEAD answer has the GET's Content-Length and no body; sections 8.6 and 15.4.5: a 304
    // keeps a declared length and gets none otherwise
    if (head && responseBody.length == 0 && isLength(declaredLength)) {
      response.setHeader("Content-Length", declaredLength);
    } else if (status == 304) {
      if (isLength(declaredLength)) {
        response.setHeader("Content-Length", declaredLength);
      }
    } else {
      response.setContentLength(responseBody.length);
    }
    if (close) {
      // after a body over the limit the rest of it may still be on the wire: the connection cannot be reused
      response.setHeader("Connection", "close");
    }
    body = head ? new byte[0] : responseBody;
    try {
      // the container calls onWritePossible first (section 5.7.2), from one of its threads when this is not one
      response.getOutputStream().setWriteListener(this);
    } catch (IOException | IllegalStateException e) {
      log.debug("could not answer {}", exchange.uri(), e);
      finish();
    }
  }

  private static boolean isLength(String value) {
    if (value == null || value.isEmpty() || value.length() > 18) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void onWritePossible() throws IOException {
    if (finished) {
      return;
    }
    ServletOutputStream out = response.getOutputStream();
    if (!bodyWritten) {
      bodyWritten = true;
      if (body.length > 0) {
        out.write(body);
      }
      body = null;
    }
    // isReady() false: the write is still pending, and the container calls again once it is done
    if (out.isReady()) {
      finish();
    }
  }

  @Override
  public void onError(Throwable t) {
    log.debug("writing the answer to {} failed", exchange.uri(), t);
    finish();
  }

  private void finish() {
    if (!finished) {
      finished = true;
      release();
    }
  }

  private void release() {
    if (pending.decrementAndGet() == 0) {
      complete();
    }
  }

  void complete() {
    if (completed.compareAndSet(false, true)) {
      try {
        async.complete();
      } catch (IllegalStateException e) {
        // the container completed it already (a connection error)
        log.debug("request {} already completed", exchange.uri());
      }
    }
  }

  // AsyncListener: the container's view of the request's life

  @Override
  public void onComplete(AsyncEvent event) {
    completed.set(true);
    exchange.abort();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // only with a container-imposed timeout: held GETs run with none, the engine's heartbeat bounds them
    exchange.abort();
    complete();
  }

  @Override
  public void onError(AsyncEvent event) {
    log.debug("request {} failed", exchange.uri(), event.getThrowable());
    exchange.abort();
    complete();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}
}
