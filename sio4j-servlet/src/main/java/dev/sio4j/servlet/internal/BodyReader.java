package dev.sio4j.servlet.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body without blocking (Servlet 6.0 section 5.7.1), keeping at most {@code maxBody} bytes. A longer
 * body is handed over at once, flagged (the engine answers 413), and the rest of it is read and dropped so that the
 * client reads the answer rather than a reset connection; a client that keeps sending past twice the limit is no
 * longer read from (the answer says {@code Connection: close}).
 *
 * <p>Thread-safety: the container calls the listener one call at a time.
 */
final class BodyReader implements ReadListener {
  private static final Logger log = LoggerFactory.getLogger(BodyReader.class);

  /** Receives the body (or the flagged overflow) once. */
  interface Dispatch {
    void dispatch(byte[] body, boolean tooLarge);
  }

  private final ServletInputStream in;
  private final int maxBody;
  private final Dispatch dispatch;
  private final AsyncResponse response;
  private final byte[] chunk;
  private ByteArrayOutputStream body = new ByteArrayOutputStream();
  private boolean tooLarge;
  private long discarded;
  private boolean done;

  BodyReader(ServletInputStream in, int maxBody, boolean knownTooLarge, Dispatch dispatch, AsyncResponse response) {
    this.in = in;
    this.maxBody = maxBody;
    this.dispatch = dispatch;
    this.response = response;
    this.chunk = new byte[8192];
    if (knownTooLarge) {
      // refused from its announced length: answered at once, the body dropped as it comes
      overflow();
    }
  }

  @Override
  public void onDataAvailable() throws IOException {
    while (!done && in.isReady()) {
      int n = in.read(chunk);
      if (n < 0) {
        return;
      }
      if (!tooLarge) {
        if (body.size() + n > maxBody) {
          overflow();
        } else {
          body.write(chunk, 0, n);
        }
      } else {
        discarded += n;
        if (discarded > maxBody) {
          // still sending past twice the limit: stop reading, the connection closes after the answer
          finish();
        }
      }
    }
  }

  private void overflow() {
    tooLarge = true;
    body = null;
    dispatch.dispatch(new byte[0], true);
  }

  @Override
  public void onAllDataRead() {
    if (!tooLarge && !done) {
      byte[] bytes = body.toByteArray();
      body = null;
      dispatch.dispatch(bytes, false);
    }
    finish();
  }

  @Override
  public void onError(Throwable t) {
    log.debug("reading a request body failed", t);
    if (!tooLarge && !done) {
      // the client went away mid-body: nobody to answer
      body = null;
      done = true;
      response.bodyDone();
      response.complete();
      return;
    }
    finish();
  }

  private void finish() {
    if (!done) {
      done = true;
      response.bodyDone();
    }
  }
}
