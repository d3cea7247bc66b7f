package dev.sio4j.client.internal;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;
import java.util.List;

/**
 * One Engine.IO transport of a client session. All methods are called on the manager's event loop, and all sink
 * callbacks happen there. Once closed, a transport calls its sink no more.
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
  protected final EventLoop loop;
  /** Completes once the transport has said goodbye to the server (or could not), after {@link #close()}. */
  protected final Promise<Void> goodbye;
  protected Sink sink;
  protected String sid;
  protected boolean writable;
  protected boolean closed;

  protected Transport(Endpoint endpoint, EventLoop loop, String sid, Sink sink) {
    this.endpoint = endpoint;
    this.loop = loop;
    this.goodbye = loop.newPromise();
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
  public io.netty.util.concurrent.Future<Void> goodbye() {
    return goodbye;
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
      goodbye.trySuccess(null);
      sink.onError(this, message, cause);
    }
  }

  protected void closedByServer(String reason) {
    if (!closed) {
      closed = true;
      release();
      goodbye.trySuccess(null);
      sink.onClose(this, reason);
    }
  }

  /** Frees network resources; called once when the transport ends. */
  protected abstract void release();
}
