package dev.sio4j.client.internal;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One Engine.IO transport of a client session. All methods are called on the manager's loop, and all sink callbacks
 * happen there: OkHttp's callbacks, which arrive on its own threads, are handed to the loop first. Once closed, a
 * transport calls its sink no more.
 */
public abstract class Transport {
  /** Where a transport reports. */
  public interface Sink {
    void onOpen(Transport transport);

    void onPacket(Transport transport, EngineIoPacket packet);

    /** The packets of the last {@link #send} have been written: the transport is writable again. */
    void onDrain(Transport transport);

    /** The transport failed; it is closed. */
    void onError(Transport transport, String message, Throwable cause);

    /** The transport closed (the server ended it). */
    void onClose(Transport transport, String reason);
  }

  protected final Endpoint endpoint;
  protected final ClientThreads loop;
  /** Completes once the transport has said goodbye to the server (or could not), after {@link #close()}. */
  protected final CompletableFuture<Void> goodbye = new CompletableFuture<>();
  protected Sink sink;
  protected String sid;
  protected boolean writable;
  protected boolean closed;

  protected Transport(Endpoint endpoint, ClientThreads loop, String sid, Sink sink) {
    this.endpoint = endpoint;
    this.loop = loop;
    this.sid = sid;
    this.sink = sink;
  }

  public abstract String name();

  public abstract void open();

  /** Writes {@code packets}; {@link Sink#onDrain} follows once they are written. Only when {@link #writable()}. */
  public abstract void send(List<EngineIoPacket> packets);

  /** Closes the transport, telling the server when it is open; the sink hears nothing more. */
  public abstract void close();

  /** Completes once a closed transport has told the server, or failed to. */
  public CompletableFuture<Void> goodbye() {
    return goodbye;
  }

  /** Drops the connection at once, from any thread: the last step of a manager's close. */
  public void terminate() {
  }

  public boolean writable() {
    return writable && !closed;
  }

  public void sid(String sid) {
    this.sid = sid;
  }

  /** Routes further callbacks to {@code sink} (used when a probed transport becomes the session's). */
  public void sink(Sink sink) {
    this.sink = sink;
  }

  protected void fail(String message, Throwable cause) {
    if (!closed) {
      closed = true;
      release();
      goodbye.complete(null);
      sink.onError(this, message, cause);
    }
  }

  protected void closedByServer(String reason) {
    if (!closed) {
      closed = true;
      release();
      goodbye.complete(null);
      sink.onClose(this, reason);
    }
  }

  /** Frees network resources; called once when the transport ends. */
  protected abstract void release();
}
