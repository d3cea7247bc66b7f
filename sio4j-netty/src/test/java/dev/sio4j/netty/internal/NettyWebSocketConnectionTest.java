package dev.sio4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frames a connection writes, as bytes on the wire (RFC 6455 section 5.2, server frames unmasked): a packet
 * written again (a broadcast, whose later copies are shared frames) goes out as the same bytes as the first time, at
 * every length form; writes keep their order; the close frame comes after the writes queued before it.
 */
class NettyWebSocketConnectionTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
  private final NettyWebSocketConnection connection = new NettyWebSocketConnection(channel, 5_000);

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  /** The next frame's bytes: Netty's encoder writes the header and a large payload as two buffers. */
  private void expectFrame(byte[] expected, String what) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    while (bytes.size() < expected.length) {
      ByteBuf out = channel.readOutbound();
      assertTrue(out != null, what + ": frame incomplete");
      try {
        bytes.writeBytes(ByteBufUtil.getBytes(out));
      } finally {
        out.release();
      }
    }
    assertArrayEquals(expected, bytes.toByteArray(), what);
  }

  private static byte[] frame(String text) {
    byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
    byte[] frame = new byte[header + payload.length];
    frame[0] = (byte) 0x81;
    if (header == 2) {
      frame[1] = (byte) payload.length;
    } else if (header == 4) {
      frame[1] = 126;
      frame[2] = (byte) (payload.length >> 8);
      frame[3] = (byte) payload.length;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) payload.length >> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, payload.length);
    return frame;
  }

  @Test
  void aPacketWrittenAgainGoesOutAsTheSameBytes() {
    for (int size : new int[] {0, 10, 125, 126, 500, 1023, 1024, 1025, 70_000}) {
      String text = "x".repeat(size);
      EngineIoPacket packet = EngineIoPacket.message(text);
      AtomicInteger written = new AtomicInteger();
      for (int i = 0; i < 3; i++) {
        connection.write(List.of(packet), true, written::incrementAndGet);
      }
      for (int i = 0; i < 3; i++) {
        expectFrame(frame("4" + text), "size " + size + ", write " + i);
      }
      assertNull(channel.readOutbound());
      assertEquals(3, written.get());
    }
  }

  @Test
  void writesKeepTheirOrder() {
    EngineIoPacket shared = EngineIoPacket.message("shared");
    List<EngineIoPacket> expected = new ArrayList<>();
    AtomicInteger written = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      EngineIoPacket own = EngineIoPacket.message("m" + i);
      connection.write(List.of(own, shared), false, written::incrementAndGet);
      connection.write(List.of(shared), true, written::incrementAndGet);
      expected.add(own);
      expected.add(shared);
      expected.add(shared);
    }
    channel.runPendingTasks();
    assertEquals(200, written.get());
    for (EngineIoPacket packet : expected) {
      expectFrame(frame("4" + packet.text()), packet.text());
    }
    assertNull(channel.readOutbound());
  }

  @Test
  void closeComesAfterTheWritesBeforeIt() {
    connection.write(List.of(EngineIoPacket.message("last")), true, () -> { });
    connection.close(1000, "");
    channel.runPendingTasks();
    expectFrame(frame("4last"), "last");
    Object close = channel.readOutbound();
    try {
      assertTrue(close instanceof ByteBuf, "the close frame, encoded");
      assertEquals((byte) 0x88, ((ByteBuf) close).getByte(0));
    } finally {
      io.netty.util.ReferenceCountUtil.release(close);
    }
    assertFalse(channel.isOpen());
  }

  @Test
  void writesAfterTheChannelClosedStillReportDone() {
    channel.close();
    AtomicInteger written = new AtomicInteger();
    connection.write(List.of(EngineIoPacket.message("late")), true, written::incrementAndGet);
    channel.runPendingTasks();
    assertEquals(1, written.get());
    assertNull(channel.readOutbound());
  }
}
