package dev.sio4j.netty.internal;

import dev.sio4j.engine.spi.WebSocketConnection;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Writes Engine.IO packets as WebSocket frames. A text packet's frame wraps its cached {@link
 * EngineIoPacket#utf8Frame()}: a broadcast's bytes are encoded once and shared by every recipient, never copied.
 * {@link #isWritable()} is the channel's: false while its outbound buffer is above the server's high-water mark.
 *
 * <p>Writes from other threads are queued and written by one task on the channel's event loop, which takes every
 * write queued by then and flushes once: while the loop is busy (a broadcast to thousands of sockets, a burst of
 * acknowledgements), writes to one socket pile up and leave in one system call instead of one task and one flush each.
 */
final class NettyWebSocketConnection implements WebSocketConnection {
  private static final AtomicIntegerFieldUpdater<NettyWebSocketConnection> SCHEDULED =
      AtomicIntegerFieldUpdater.newUpdater(NettyWebSocketConnection.class, "scheduled");

  private record Write(List<EngineIoPacket> packets, boolean compress, Runnable written) {}

  private final Channel channel;
  private final long closeFrameTimeoutMillis;
  // event loop only: false while the HTTP codec is still in the pipeline (see holdSharedFrames)
  private boolean sharedFrames;
  private final Queue<Write> queue = new ConcurrentLinkedQueue<>();
  private final Runnable drainTask = this::drain;
  // 1 while a drain is queued on (or running on) the event loop: later writes join it
  private volatile int scheduled;
  // a drain is on the stack (event loop only): a write made from inside it (a failure callback) waits for its turn
  private boolean draining;

  NettyWebSocketConnection(Channel channel, long closeFrameTimeoutMillis) {
    this.channel = channel;
    this.closeFrameTimeoutMillis = closeFrameTimeoutMillis;
    // with per-message deflate negotiated, frames go through its encoder; otherwise text frames may be written as
    // complete, shared frames (SharedFrames), which the frame encoder passes on untouched
    this.sharedFrames = channel.pipeline().get(WebSocketExtensionEncoder.class) == null;
  }

  /**
   * Until {@link #releaseSharedFrames()}, frames are written as frame objects: the HTTP encoder, still in the
   * pipeline while the handshake response is on its way, would take a pre-framed buffer for HTTP content. Event loop.
   */
  void holdSharedFrames() {
    sharedFrames = false;
  }

  /** The handshake response is out and the HTTP codec gone: shared frames again, unless deflate is on. Event loop. */
  void releaseSharedFrames() {
    sharedFrames = channel.pipeline().get(WebSocketExtensionEncoder.class) == null;
  }

  @Override
  public void write(List<EngineIoPacket> packets, boolean compress, Runnable written) {
    queue.add(new Write(packets, compress, written));
    if (SCHEDULED.compareAndSet(this, 0, 1)) {
      if (channel.eventLoop().inEventLoop() && !draining) {
        drain();
      } else {
        try {
          channel.eventLoop().execute(drainTask);
        } catch (RejectedExecutionException e) {
          // the event loop is shut down: nothing can be written any more
          scheduled = 0;
          failQueued();
        }
      }
    }
  }

  /** Writes what is queued (in order), then flushes once; on the event loop. */
  private void drain() {
    // cleared before polling: a write queued after the last poll schedules a new drain
    scheduled = 0;
    if (!channel.isActive()) {
      failQueued();
      return;
    }
    Write write = queue.poll();
    if (write == null) {
      return;
    }
    draining = true;
    try {
      writeAll(write);
    } finally {
      draining = false;
    }
  }

  private void writeAll(Write write) {
    Runnable written = null;
    List<Runnable> moreWritten = null;
    Object held = null;
    for (; write != null; write = queue.poll()) {
      for (EngineIoPacket packet : write.packets()) {
        // the previous frame goes out without a promise: only the batch's last frame reports completion
        if (held != null) {
          channel.write(held, channel.voidPromise());
        }
        held = frame(packet, write.compress());
      }
      if (written == null) {
        written = write.written();
      } else {
        if (moreWritten == null) {
          moreWritten = new ArrayList<>();
        }
        moreWritten.add(write.written());
      }
    }
    Runnable first = written;
    List<Runnable> rest = moreWritten;
    Runnable done = rest == null ? first : () -> {
      first.run();
      rest.forEach(Runnable::run);
    };
    if (held == null) {
      done.run();
      return;
    }
    channel.writeAndFlush(held).addListener(f -> done.run());
  }

  private void failQueued() {
    Write write;
    while ((write = queue.poll()) != null) {
      write.written().run();
    }
  }

  private Object frame(EngineIoPacket packet, boolean compress) {
    if (sharedFrames && !packet.isBinary()) {
      ByteBuf shared = SharedFrames.textFrame(packet);
      if (shared != null) {
        return shared;
      }
    }
    if (packet.isBinary()) {
      return compress ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(packet.binary()))
          : new UncompressedFrames.Binary(Unpooled.wrappedBuffer(packet.binary()));
    }
    return compress ? new TextWebSocketFrame(Unpooled.wrappedBuffer(packet.utf8Frame()))
        : new UncompressedFrames.Text(Unpooled.wrappedBuffer(packet.utf8Frame()));
  }

  @Override
  public boolean isWritable() {
    return channel.isWritable();
  }

  @Override
  public void close(int code, String reason) {
    // after the writes queued before it
    if (channel.eventLoop().inEventLoop()) {
      doClose(code, reason);
    } else {
      try {
        channel.eventLoop().execute(() -> doClose(code, reason));
      } catch (RejectedExecutionException e) {
        channel.close();
      }
    }
  }

  private void doClose(int code, String reason) {
    if (!queue.isEmpty() && !draining) {
      drain();
    }
    if (!channel.isActive()) {
      return;
    }
    WebSocketFrameHandler frames = channel.pipeline().get(WebSocketFrameHandler.class);
    if (frames != null && !frames.closeFrameSending()) {
      // a closing handshake is under way already (a protocol error answered with its status code): it ends it
      return;
    }
    // the close frame follows what is still buffered (a last message, a Socket.IO DISCONNECT); a peer that stopped
    // reading would keep that backlog and the connection forever: after closeFrameTimeout the connection is closed
    // and its buffers dropped (Node's ws destroys the socket 30 s after its close frame)
    channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
    ScheduledFuture<?> force = channel.eventLoop().schedule(() -> {
      channel.close();
    }, closeFrameTimeoutMillis, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> force.cancel(false));
  }
}
