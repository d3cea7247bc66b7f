package dev.sio4j.protocol.socketio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated packets (seeded, so reproducible): the decoder either decodes them or throws {@link SocketIoParseException},
 * never anything else, and a decoded packet re-encodes to text the decoder accepts again.
 */
class SocketIoDecoderFuzzTest {
  private static final List<String> SEEDS = List.of(
      "0", "0/admin,{\"token\":\"123\"}", "1/admin,", "2[\"hello\",1]", "2/admin,456[\"project:delete\",123]",
      "3/admin,456[]", "4{\"message\":\"Not authorized\"}",
      "52-789[\"m\",{\"_placeholder\":true,\"num\":0},{\"x\":{\"_placeholder\":true,\"num\":1}}]",
      "61-/admin,456[{\"_placeholder\":true,\"num\":0}]");
  private static final String ALPHABET = "0123456789-/,[]{}\":_ abcnumtrue\\\u00e9\ud83d\ude00";

  @Test
  void mutatedPacketsDecodeOrFailCleanly() throws Exception {
    Random random = new Random(20261122L);
    SocketIoEncoder encoder = new SocketIoEncoder();
    int decodedCount = 0;
    for (int i = 0; i < 20_000; i++) {
      String packet = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
      List<SocketIoPacket> out = new ArrayList<>();
      SocketIoDecoder decoder = new SocketIoDecoder(out::add);
      try {
        decoder.add(packet);
        while (decoder.isReconstructing()) {
          decoder.add(new byte[random.nextInt(4)]);
        }
      } catch (SocketIoParseException expected) {
        continue;
      } catch (RuntimeException e) {
        fail("decoder threw " + e + " on " + packet, e);
      }
      assertEquals(1, out.size(), packet);
      decodedCount++;
      // what was accepted round-trips
      List<SocketIoPacket> again = new ArrayList<>();
      SocketIoDecoder second = new SocketIoDecoder(again::add);
      for (var frame : encoder.encode(out.get(0))) {
        if (frame.isBinary()) {
          second.add(frame.binary());
        } else {
          second.add(frame.text());
        }
      }
      assertEquals(out.get(0), again.get(0), packet);
    }
    if (decodedCount == 0) {
      fail("no mutation decoded: the fuzzer explores nothing");
    }
  }

  private static String mutate(String seed, Random random) {
    StringBuilder s = new StringBuilder(seed);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int op = random.nextInt(3);
      int at = s.length() == 0 ? 0 : random.nextInt(s.length());
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      if (op == 0 && s.length() > 0) {
        s.deleteCharAt(at);
      } else if (op == 1) {
        s.insert(at, c);
      } else if (s.length() > 0) {
        s.setCharAt(at, c);
      }
    }
    return s.toString();
  }
}
