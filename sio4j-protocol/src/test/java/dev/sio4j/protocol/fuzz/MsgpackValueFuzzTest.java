package dev.sio4j.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sio4j.protocol.msgpack.MsgpackFormatException;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.msgpack.MsgpackWriter;

/**
 * Any bytes as one MessagePack value (a msgpack parser's message, a Redis adapter's message): refused with
 * {@link MsgpackFormatException} or read into a tree whose encoding reads back to a tree encoding to the same bytes
 * (one round may normalise, as notepack does: {@code -0} becomes {@code 0}, a float that holds an integer an int);
 * nothing else may be thrown, and no input nests deeper than the reader's limit.
 */
class MsgpackValueFuzzTest {
  @FuzzTest(maxDuration = "5s")
  void value(byte[] bytes) {
    JsonNode tree;
    try {
      tree = MsgpackReader.decode(bytes);
    } catch (MsgpackFormatException refused) {
      return;
    }
    if (tree.isMissingNode()) {
      // notepack's undefined at the top: nothing to write back
      return;
    }
    byte[] once = MsgpackWriter.encode(tree);
    assertArrayEquals(once, MsgpackWriter.encode(MsgpackReader.decode(once)));
  }
}
