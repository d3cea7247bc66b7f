package dev.sio4j.redis.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.redis.internal.Messages;

/**
 * Any bytes as the classic adapter reads them: on a broadcast channel (msgpack {@code [uid, packet, opts]}), and on
 * the request and response channels (a JSON or msgpack object). Each decodes to a message or to {@code null};
 * nothing may be thrown at the subscription, whatever a peer published.
 */
class ClassicMessageFuzzTest {
  private static final ObjectMapper MAPPER = SocketIoJson.newMapper();

  @FuzzTest(maxDuration = "5s")
  void message(byte[] bytes) {
    Messages.broadcast(bytes, "/");
    JsonNode tree = Messages.parseObject(MAPPER, bytes);
    if (tree != null) {
      Messages.request(tree, "/");
      Messages.response(tree);
    }
  }
}
