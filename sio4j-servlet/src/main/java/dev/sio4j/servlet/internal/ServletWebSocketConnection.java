package dev.sio4j.servlet.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Engine.IO packets as WebSocket messages through the container's {@link RemoteEndpoint.Async}, one at a time
 * and in order from a queue of its own: Jakarta WebSocket lets a session have one asynchronous message in flight
 * (Tomcat refuses a second with {@code IllegalStateException}), and the engine writes from its own threads.
 *
 * <p>Backpressure as in the Netty binding: {@link #isWritable()} turns false once the bytes queued and in flight pass
 * {@link BindingRuntime#HIGH_WATER_MARK}, and true again, with {@code onWritable}, below
 * {@link BindingRuntime#LOW_WATER_MARK}.
 *
 * <p>Callbacks: a container may complete a send inside the {@code sendText} call, on the caller's stack; the
 * {@code written} callback of such a send runs on the calling thread once the call returned, before the next send
 * (the engine's callbacks only count and queue work, see {@link WebSocketConnection#write}); the others run on the
 * container thread that completed the send. Either way they run in write order. Those of writes failed because the
 * connection closed go to the binding's pool ({@link BindingRuntime#callback}). Per-message deflate is whatever the container
 * negotiated; Jakarta WebSocket has no per-message switch, so {@code compress} is not used.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
final class ServletWebSocketConnection implements WebSocketConnection {
  private static final Logger log = LoggerFactory.getLogger(ServletWebSocketConnection.class);

  /** One message to send: a String (text) or a ByteBuffer (binary), and the callback of the write it ends. */
  private record Frame(Object payload, int size, Runnable written) {}

  private final Session session;
  private final RemoteEndpoint.Async remote;
  private final BindingRuntime runtime;
  private final Runnable onWritable;
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  // callbacks to run in order on the pool (see the class comment); guarded by this
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
  private final Runnable drainDeferred = this::drainDeferred;
  private boolean drainingDeferred;
  private long queuedBytes;
  private boolean sending;
  private boolean writable = true;
  private CloseReason closeRequested;
  private boolean closeSent;
  private boolean closed;

  ServletWebSocketConnection(Session session, BindingRuntime runtime, Runnable onWritable) {
    this.session = session;
    this.remote = session.getAsyncRemote();
    this.runtime = runtime;
    this.onWritable = onWritable;
  }

  @Override
  public void write(List<EngineIoPacket> packets, boolean compress, Runnable written) {
    synchronized (this) {
      if (closed || closeRequested != null) {
        defer(written);
        return;
      }
      int last = packets.size() - 1;
      for (int i = 0; i <= last; i++) {
        Frame frame = frame(packets.get(i), i == last ? written : null, runtime);
        queue.add(frame);
        queuedBytes += frame.size();
      }
      if (packets.isEmpty()) {
        queue.add(new Frame(null, 0, written));
      }
      if (queuedBytes > BindingRuntime.HIGH_WATER_MARK) {
        writable = false;
      }
      if (sending) {
        return;
      }
      sending = true;
    }
    pump();
  }

  private static Frame frame(EngineIoPacket packet, Runnable written, BindingRuntime runtime) {
    if (packet.isBinary()) {
      byte[] data = packet.binary();
      return new Frame(ByteBuffer.wrap(data), data.length, written);
    }
    String frame = runtime.textFrame(packet);
    return new Frame(frame, frame.length(), written);
  }

  /** Sends queued frames one at a time until the queue is empty or a send completes later. */
  private void pump() {
    while (true) {
      Frame frame;
      synchronized (this) {
        frame = queue.poll();
        if (frame == null || closed) {
          if (frame != null) {
            queue.addFirst(frame);
          }
          sending = false;
          failQueued();
          if (closeRequested != null && !closeSent) {
            closeSent = true;
            CloseReason reason = closeRequested;
            runtime.execute(() -> sendClose(reason));
          }
          return;
        }
      }
      Send send = new Send(frame);
      if (frame.payload() == null) {
        send.onResult(new SendResult());
      } else {
        try {
          if (frame.payload() instanceof String text) {
            remote.sendText(text, send);
          } else {
            remote.sendBinary((ByteBuffer) frame.payload(), send);
          }
        } catch (RuntimeException e) {
          // a session closed under the write: Tomcat and Jetty throw instead of reporting it to the handler
          send.onResult(new SendResult(e));
        }
      }
      synchronized (this) {
        send.returned = true;
        if (!send.done) {
          // the container completes it later, on its own thread, and that thread goes on with the queue
          return;
        }
      }
      // completed inside the send call (or racing it): its callbacks run here, in write order, before the next send
      send.completed();
    }
  }

  /** The completion of one send. */
  private final class Send implements SendHandler {
    private final Frame frame;
    // guarded by the connection
    boolean returned;
    boolean done;
    SendResult result;

    Send(Frame frame) {
      this.frame = frame;
    }

    @Override
    public void onResult(SendResult result) {
      synchronized (ServletWebSocketConnection.this) {
        this.result = result;
        done = true;
        if (!returned) {
          // on the caller's stack, or racing the send call: the pumping thread completes it (see pump)
          return;
        }
      }
      completed();
      pump();
    }

    /** Accounts for the finished send and runs its callbacks, on this thread. */
    void completed() {
      boolean nowWritable = false;
      synchronized (ServletWebSocketConnection.this) {
        queuedBytes -= frame.size();
        if (!writable && queuedBytes <= BindingRuntime.LOW_WATER_MARK) {
          writable = true;
          nowWritable = !closed;
        }
        if (!result.isOK()) {
          log.debug("WebSocket {} write failed", session.getId(), result.getException());
          closed = true;
        }
      }
      runWritten(frame.written());
      if (nowWritable) {
        onWritable.run();
      }
    }
  }

  /** Runs {@code written} here unless earlier callbacks are still waiting on the pool: order is kept. */
  private void runWritten(Runnable written) {
    if (written == null) {
      return;
    }
    synchronized (this) {
      if (drainingDeferred || !deferred.isEmpty()) {
        deferred.add(written);
        return;
      }
    }
    written.run();
  }

  private void defer(Runnable written) {
    if (written != null) {
      deferRaw(written);
    }
  }

  private void deferRaw(Runnable task) {
    synchronized (this) {
      deferred.add(task);
      if (drainingDeferred) {
        return;
      }
      drainingDeferred = true;
    }
    runtime.callback(drainDeferred);
  }

  private void drainDeferred() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = deferred.poll();
        if (task == null) {
          drainingDeferred = false;
          return;
        }
      }
      task.run();
    }
  }

  /** Fails what is still queued (the connection is closed or closing); with the lock held. */
  private void failQueued() {
    if (!closed) {
      return;
    }
    List<Runnable> failed = new ArrayList<>();
    Frame frame;
    while ((frame = queue.poll()) != null) {
      queuedBytes -= frame.size();
      if (frame.written() != null) {
        failed.add(frame.written());
      }
    }
    for (Runnable written : failed) {
      deferred.add(written);
    }
    if (!failed.isEmpty() && !drainingDeferred) {
      drainingDeferred = true;
      runtime.callback(drainDeferred);
    }
  }

  @Override
  public synchronized boolean isWritable() {
    return writable && !closed;
  }

  @Override
  public void close(int code, String reason) {
    CloseReason closeReason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
    synchronized (this) {
      if (closed || closeRequested != null) {
        return;
      }
      closeRequested = closeReason;
      if (sending) {
        // the close frame follows what is queued (a last message, a Socket.IO DISCONNECT); a peer that stopped
        // reading would keep that backlog forever: after the timeout the session is closed regardless
        ScheduledFuture<?> force = runtime.schedule(() -> sendClose(closeReason),
            BindingRuntime.CLOSE_FRAME_TIMEOUT_MILLIS);
        if (force == null) {
          closeSent = true;
        } else {
          return;
        }
      } else {
        closeSent = true;
      }
    }
    // Tomcat writes the close frame with a blocking write: never on an engine or container thread
    runtime.execute(() -> sendClose(closeReason));
  }

  private void sendClose(CloseReason reason) {
    synchronized (this) {
      if (closed && !session.isOpen()) {
        return;
      }
    }
    try {
      session.close(reason);
    } catch (IOException | RuntimeException e) {
      log.debug("closing WebSocket {} failed", session.getId(), e);
    }
  }

  /**
   * The container reported an error (a message over the limit, a protocol violation) and is closing the session with
   * its own code (1009, 1002...): a close asked for later, as the engine does on the error, is not sent over it.
   */
  void failed() {
    synchronized (this) {
      if (closeRequested == null) {
        closeRequested = new CloseReason(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "");
        closeSent = true;
      }
    }
  }

  /** Closes with {@code reason} at once, before what is queued (which is dropped): the peer broke the rules. */
  void closeNow(CloseReason reason) {
    runtime.execute(() -> sendClose(reason));
  }

  /** The container closed the session: what is still queued is failed. */
  void closed() {
    synchronized (this) {
      closed = true;
      if (!sending) {
        failQueued();
      }
    }
  }
}
