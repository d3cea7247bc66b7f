package dev.sio4j.netty.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The check that lets a whole ASCII text frame skip the UTF-8 validator, at every position of a byte. */
class AsciiCheckTest {
  @ParameterizedTest
  @ValueSource(strings = {"", "4", "42[\"echo\",\"0123456789abcdef\"]", "é", "42[\"héllo\"]", "0123456789abcdef😀"})
  void findsEveryByteWithTheHighBitSet(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    boolean ascii = text.chars().allMatch(c -> c < 0x80);
    // from an offset too, as a frame's content is a slice of a larger buffer
    ByteBuf buf = Unpooled.buffer().writeBytes(new byte[] {(byte) 0xff, 'x', 'y'}).writeBytes(bytes);
    try {
      buf.readerIndex(3);
      assertEquals(ascii, NettyWebSocketUpgrade.FragmentAwareValidator.isAscii(buf));
    } finally {
      buf.release();
    }
    byte[] plain = text.replaceAll("[^\\x00-\\x7f]", "a").getBytes(StandardCharsets.US_ASCII);
    for (int at = 0; at < plain.length; at++) {
      byte[] one = plain.clone();
      one[at] = (byte) 0x80;
      ByteBuf b = Unpooled.wrappedBuffer(one);
      try {
        assertEquals(false, NettyWebSocketUpgrade.FragmentAwareValidator.isAscii(b), "high bit at " + at);
      } finally {
        b.release();
      }
    }
  }
}
