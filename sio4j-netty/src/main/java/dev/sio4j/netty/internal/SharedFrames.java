package dev.sio4j.netty.internal;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;

/**
 * Complete WebSocket frames (header and payload) of the text packets an event loop writes more than once: a broadcast
 * hands the same {@link EngineIoPacket} to every recipient, and a server-to-client frame is not masked (RFC 6455
 * section 5.1), so its bytes are the same for all of them. The frame is built on the second write of a packet and
 * every later recipient gets a duplicate of the same direct buffer: no frame encoding, allocation or copy per
 * recipient. A packet written once (an acknowledgement) costs one table lookup.
 *
 * <p>One small table per event-loop thread (confined to it, no locks), of frames up to {@link #MAX_PAYLOAD} bytes
 * (larger frames are already written without a copy by Netty's encoder). The buffers wrap JDK direct buffers that the
 * garbage collector frees: an entry is dropped without a release, and nothing is pooled or leak-tracked.
 */
final class SharedFrames {
  /** Largest payload cached: Netty's frame encoder copies payloads up to 1 KB into a new buffer, larger ones not. */
  static final int MAX_PAYLOAD = 1024;
  private static final int SLOTS = 16;
  private static final FastThreadLocal<SharedFrames> TABLES = new FastThreadLocal<>() {
    @Override
    protected SharedFrames initialValue() {
      return new SharedFrames();
    }
  };

  private final EngineIoPacket[] packets = new EngineIoPacket[SLOTS];
  private final ByteBuf[] frames = new ByteBuf[SLOTS];

  private SharedFrames() {}

  /**
   * The complete text frame of {@code packet} to write (a retained duplicate, released by the write), or null for
   * the caller to write it as a frame object: the first time this thread sees the packet, or when it is too large.
   * Call on an event-loop thread only.
   */
  static ByteBuf textFrame(EngineIoPacket packet) {
    byte[] payload = packet.utf8Frame();
    if (payload.length > MAX_PAYLOAD) {
      return null;
    }
    return TABLES.get().lookup(packet, payload);
  }

  private ByteBuf lookup(EngineIoPacket packet, byte[] payload) {
    int slot = System.identityHashCode(packet) & (SLOTS - 1);
    if (packets[slot] != packet) {
      packets[slot] = packet;
      frames[slot] = null;
      return null;
    }
    ByteBuf frame = frames[slot];
    if (frame == null) {
      frame = encode(payload);
      frames[slot] = frame;
    }
    return frame.retainedDuplicate();
  }

  /** FIN set, opcode 1 (text), no mask, then the payload length in the shortest form (RFC 6455 section 5.2). */
  private static ByteBuf encode(byte[] payload) {
    int length = payload.length;
    int header = length < 126 ? 2 : 4;
    ByteBuffer bytes = ByteBuffer.allocateDirect(header + length);
    bytes.put((byte) 0x81);
    if (length < 126) {
      bytes.put((byte) length);
    } else {
      bytes.put((byte) 126);
      bytes.putShort((short) length);
    }
    bytes.put(payload);
    bytes.flip();
    return Unpooled.wrappedBuffer(bytes);
  }
}
