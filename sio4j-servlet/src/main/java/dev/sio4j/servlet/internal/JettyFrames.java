package dev.sio4j.servlet.internal;

import jakarta.websocket.RemoteEndpoint;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingFrames;

/**
 * Jetty's own frame API, where Jakarta WebSocket has none: Jetty's remote endpoint is an {@link OutgoingFrames} (public
 * in Jetty 10 to 12), whose {@code sendFrame} takes a batch flag per frame and never blocks. Frames sent with the flag
 * are put together in Jetty's frame flusher and leave with the next frame sent without it, in one gathering write; so
 * a connection's queued frames cost one system call, as on Netty. The Jakarta way to the same, batching on and
 * {@code flushBatch()} after the last frame, blocks the calling thread until the socket took the bytes.
 *
 * <p>Jetty queues frames sent before earlier ones completed, writes them in order and completes their callbacks in
 * order, so several may be in flight: unlike Jakarta's {@code RemoteEndpoint.Async}, which allows one message at a
 * time. Text frames carry the packet's shared UTF-8 bytes, never re-encoded per recipient.
 *
 * <p>Only loaded once {@link #of} found Jetty's classes: the binding runs in containers that have none.
 */
final class JettyFrames {
  private static final String OUTGOING_FRAMES = "org.eclipse.jetty.websocket.core.OutgoingFrames";

  private final OutgoingFrames out;

  private JettyFrames(OutgoingFrames out) {
    this.out = out;
  }

  /** Jetty's frame API behind {@code remote}, or null when {@code remote} is not Jetty's. */
  static JettyFrames of(RemoteEndpoint.Async remote) {
    Class<?> outgoing;
    try {
      // through this class's loader: a web application that sees no Jetty classes, or its own copy, takes the Jakarta
      // way (a Jetty server hides its classes from web applications unless told otherwise)
      outgoing = Class.forName(OUTGOING_FRAMES, false, JettyFrames.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    if (!outgoing.isInstance(remote)) {
      return null;
    }
    return new JettyFrames((OutgoingFrames) remote);
  }

  /**
   * Sends one whole message; {@code more}: another follows at once, so this one may wait for it in Jetty's batch
   * buffer. {@code done} gets null once the frame was written (or batched), or the failure.
   */
  void send(boolean binary, byte[] payload, boolean more, Consumer<Throwable> done) {
    Frame frame = new Frame(binary ? OpCode.BINARY : OpCode.TEXT).setPayload(ByteBuffer.wrap(payload));
    try {
      out.sendFrame(frame, Callback.from(() -> done.accept(null), done), more);
    } catch (RuntimeException e) {
      done.accept(e);
    }
  }
}
