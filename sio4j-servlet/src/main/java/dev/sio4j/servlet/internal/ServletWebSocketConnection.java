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
 * Writes Engine.IO packets as WebSocket messages, as the Netty binding does: a write only queues its packets, and one of
 * the binding's writer threads ({@link BindingRuntime#write}) takes every packet queued by then and sends them
 * together. While the writers are busy (a broadcast to thousands of sockets, a burst of acknowledgements), the packets
 * of one socket pile up and leave in one system call; the thread that broadcasts never waits on a socket.
 *
 * <p>How the frames are sent together depends on the container:
 * <ul>
 *   <li>Jetty: its frame API ({@link JettyFrames}), every frame but the last batched, and nothing blocks; so a lone
 *       write ({@link BindingRuntime#loneWrite}: an acknowledgement, not one of a broadcast's) is sent by its caller,
 *       without waking a writer.
 *   <li>Any other (Tomcat): Jakarta WebSocket's {@code RemoteEndpoint.Async} with batching allowed, one message at a
 *       time (Tomcat refuses a second with {@code IllegalStateException}). A message that fits the container's output
 *       buffer (8 KiB in Tomcat) completes at once, without I/O; a full buffer is written asynchronously and the
 *       writers go on when it completes. After the last message {@code flushBatch()} writes the rest, which blocks
 *       the writer until the socket took it (on a socket that is draining, at once): the writer first lets another
 *       writer take the other sockets ({@link BindingRuntime#blocking}), and a peer that reads nothing for
 *       {@link BindingRuntime#FLUSH_TIMEOUT_MILLIS} is closed by the container (Tomcat's blocking send timeout, set
 *       per session).
 * </ul>
 *
 * <p>Backpressure as in the Netty binding: {@link #isWritable()} turns false once the bytes queued and in flight pass
 * {@link BindingRuntime#HIGH_WATER_MARK}, and true again, with {@code onWritable}, below
 * {@link BindingRuntime#LOW_WATER_MARK}.
 *
 * <p>Callbacks: each write's {@code written} runs on the thread that saw its frames leave (a writer, or the container
 * thread that completed a send), in write order; that of a write to a closed connection on the caller's. Per-message
 * deflate is whatever the container negotiated; Jakarta WebSocket has no per-message switch, so {@code compress} is
 * not used.
 *
 * <p>Thread-safety: every method may be called from any thread; {@link #drain()} is called by one writer at a time.
 */
final class ServletWebSocketConnection implements WebSocketConnection {
  private static final Logger log = LoggerFactory.getLogger(ServletWebSocketConnection.class);
  /** Tomcat's session property for the timeout of a blocking send, in milliseconds (a Long). */
  private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

  /**
   * One message to send: {@code packet} (null: none, only {@code written}, for a write of no packets), its text for
   * Jakarta's {@code sendText} (null with Jetty), and the callback of the write it ends.
   */
  private record Frame(EngineIoPacket packet, String text, int size, Runnable written) {}

  private final Session session;
  private final RemoteEndpoint.Async remote;
  private final BindingRuntime runtime;
  private final Runnable onWritable;
  // Jetty's frame API, or null: the Jakarta way with batching
  private final JettyFrames jetty;
  private final ArrayDeque<Frame> queue = new ArrayDeque<>();
  private long queuedBytes;
  // a writer owns the connection: it is queued for one, drained by one, or waits for a send to complete
  private boolean scheduled;
  // the Jakarta way: messages were batched since the last flush (writer only)
  private boolean unflushed;
  private boolean writable = true;
  private CloseReason closeRequested;
  private boolean closeSent;
  private boolean closed;

  ServletWebSocketConnection(Session session, BindingRuntime runtime, Runnable onWritable) {
    this.session = session;
    this.remote = session.getAsyncRemote();
    this.runtime = runtime;
    this.onWritable = onWritable;
    this.jetty = JettyFrames.of(remote);
    if (jetty == null) {
      session.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, BindingRuntime.FLUSH_TIMEOUT_MILLIS);
      try {
        // from off to on: nothing to flush, never blocks
        remote.setBatchingAllowed(true);
      } catch (IOException | RuntimeException e) {
        log.debug("WebSocket {}: no batching", session.getId(), e);
      }
    }
  }

  @Override
  public void write(List<EngineIoPacket> packets, boolean compress, Runnable written) {
    boolean inline = false;
    synchronized (this) {
      if (!closed && closeRequested == null) {
        int last = packets.size() - 1;
        for (int i = 0; i <= last; i++) {
          Frame frame = frame(packets.get(i), i == last ? written : null);
          queue.add(frame);
          queuedBytes += frame.size();
        }
        if (packets.isEmpty()) {
          queue.add(new Frame(null, null, 0, written));
        }
        if (queuedBytes > BindingRuntime.HIGH_WATER_MARK) {
          writable = false;
        }
        if (scheduled) {
          return;
        }
        scheduled = true;
        written = null;
        // Jetty's sends never block: a write that is not part of a burst is sent by its caller, without waking a
        // writer (an acknowledgement); a burst (a broadcast) goes to the writers, which send each connection's together
        inline = jetty != null && runtime.loneWrite();
      }
    }
    if (written != null) {
      // closed: nothing will be written
      written.run();
    } else if (inline) {
      drain();
    } else {
      runtime.write(this);
    }
  }

  private Frame frame(EngineIoPacket packet, Runnable written) {
    if (packet.isBinary()) {
      return new Frame(packet, null, packet.binary().length, written);
    }
    if (jetty != null) {
      // Jetty sends the packet's shared UTF-8 bytes
      return new Frame(packet, null, packet.utf8Frame().length, written);
    }
    // Jakarta WebSocket takes a String, built once per broadcast (on the broadcasting thread, recipient after recipient)
    String text = runtime.textFrame(packet);
    return new Frame(packet, text, text.length(), written);
  }

  /** Sends what is queued; called by a writer ({@link BindingRuntime#write}), one at a time. */
  void drain() {
    if (jetty != null) {
      drainFrames();
    } else {
      drainBatched();
    }
  }

  /** Jetty: every queued frame at once, the last one unbatched; Jetty completes them in order, now or later. */
  private void drainFrames() {
    while (true) {
      Frame[] frames = null;
      synchronized (this) {
        if (!closed && !queue.isEmpty()) {
          frames = queue.toArray(new Frame[0]);
          queue.clear();
        }
      }
      if (frames == null) {
        if (finishDrain()) {
          return;
        }
        continue;
      }
      int last = frames.length - 1;
      // the last frame that carries a packet goes unbatched: it flushes the ones before it
      while (last > 0 && frames[last].packet() == null) {
        last--;
      }
      for (int i = 0; i < frames.length; i++) {
        Frame frame = frames[i];
        EngineIoPacket packet = frame.packet();
        if (packet == null) {
          completed(frame, null);
        } else {
          jetty.send(packet.isBinary(), packet.isBinary() ? packet.binary() : packet.utf8Frame(), i < last,
              failure -> completed(frame, failure == null ? null : new SendResult(failure)));
        }
      }
    }
  }

  /** The Jakarta way: one message at a time with batching allowed, then one flush. */
  private void drainBatched() {
    while (true) {
      Frame frame;
      boolean flush;
      synchronized (this) {
        frame = closed ? null : queue.poll();
        flush = frame == null && !closed && unflushed;
      }
      if (flush) {
        flush();
        continue;
      }
      if (frame == null) {
        if (finishDrain()) {
          return;
        }
        continue;
      }
      Send send = new Send(frame);
      EngineIoPacket packet = frame.packet();
      if (packet == null) {
        send.onResult(new SendResult());
      } else {
        unflushed = true;
        try {
          if (packet.isBinary()) {
            remote.sendBinary(ByteBuffer.wrap(packet.binary()), send);
          } else {
            remote.sendText(frame.text(), send);
          }
        } catch (RuntimeException e) {
          // a session closed under the write: Tomcat and Jetty throw instead of reporting it to the handler
          send.onResult(new SendResult(e));
        }
      }
      synchronized (this) {
        send.returned = true;
        if (!send.done) {
          // the container completes it later, on its own thread, which hands the connection back to a writer
          return;
        }
      }
      // completed inside the send call (batched, or racing it): its callback runs here, before the next send
      completed(frame, send.result);
    }
  }

  /** Writes what the container batched; blocks until the socket took it (see the class comment). */
  private void flush() {
    unflushed = false;
    runtime.blocking();
    try {
      remote.flushBatch();
    } catch (IOException | RuntimeException e) {
      // the container closes the session on a failed or timed out blocking send; onClose follows
      log.debug("WebSocket {} flush failed", session.getId(), e);
      synchronized (this) {
        closed = true;
      }
    } finally {
      runtime.unblocked();
    }
  }

  /**
   * Releases the writer once the queue is empty or the connection closed (false: a write came meanwhile, go on); fails
   * what is left of a closed connection's queue and sends a close asked for.
   */
  private boolean finishDrain() {
    List<Runnable> failed = null;
    CloseReason close = null;
    synchronized (this) {
      if (!closed && !queue.isEmpty()) {
        return false;
      }
      if (closed) {
        failed = takeQueued();
      }
      scheduled = false;
      if (closeRequested != null && !closeSent) {
        closeSent = true;
        close = closeRequested;
      }
    }
    if (close != null) {
      CloseReason reason = close;
      runtime.execute(() -> sendClose(reason));
    }
    runAll(failed);
    return true;
  }

  /** The completion of one message sent the Jakarta way. */
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
          // on the writer's stack, or racing the send call: the writer completes it (see drainBatched)
          return;
        }
      }
      completed(frame, result);
      // the connection is still scheduled: back to a writer, never a blocking flush on the container's thread
      runtime.write(ServletWebSocketConnection.this);
    }
  }

  /** Accounts for a message that left (or failed) and runs its callbacks, on this thread. */
  private void completed(Frame frame, SendResult result) {
    boolean nowWritable = false;
    List<Runnable> failed = null;
    synchronized (this) {
      queuedBytes -= frame.size();
      if (!writable && queuedBytes <= BindingRuntime.LOW_WATER_MARK) {
        writable = true;
        nowWritable = !closed;
      }
      if (result != null && !result.isOK()) {
        log.debug("WebSocket {} write failed", session.getId(), result.getException());
        closed = true;
        if (!scheduled) {
          failed = takeQueued();
        }
      }
    }
    if (frame.written() != null) {
      frame.written().run();
    }
    if (nowWritable) {
      onWritable.run();
    }
    runAll(failed);
  }

  /** Takes what is still queued (the connection is closed) for its callbacks; with the lock held. */
  private List<Runnable> takeQueued() {
    if (queue.isEmpty()) {
      return null;
    }
    List<Runnable> failed = new ArrayList<>();
    Frame frame;
    while ((frame = queue.poll()) != null) {
      queuedBytes -= frame.size();
      if (frame.written() != null) {
        failed.add(frame.written());
      }
    }
    return failed;
  }

  private static void runAll(List<Runnable> callbacks) {
    if (callbacks != null) {
      callbacks.forEach(Runnable::run);
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
      if (scheduled) {
        // the close frame follows what is queued (a last message, a Socket.IO DISCONNECT); a peer that stopped
        // reading would keep that backlog forever: after the timeout the session is closed regardless
        ScheduledFuture<?> force = runtime.schedule(() -> sendClose(closeReason),
            BindingRuntime.CLOSE_FRAME_TIMEOUT_MILLIS);
        if (force != null) {
          return;
        }
      }
      closeSent = true;
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
    List<Runnable> failed = null;
    synchronized (this) {
      closed = true;
      if (!scheduled) {
        failed = takeQueued();
      }
    }
    runAll(failed);
  }
}
