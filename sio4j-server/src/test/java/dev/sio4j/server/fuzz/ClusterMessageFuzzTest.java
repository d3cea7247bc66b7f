package dev.sio4j.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.msgpack.MsgpackFormatException;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.server.adapter.ClusterMessageCodec;
import java.io.IOException;

/**
 * Any bytes as a cluster adapter reads another server's message (the reference's cluster format, which the sharded
 * and streams Redis adapters and the Postgres adapter speak): JSON when it starts with {@code '{'}, msgpack otherwise,
 * then {@link ClusterMessageCodec#decode}. A message or {@code null}; nothing else may be thrown, whatever a peer sent.
 */
class ClusterMessageFuzzTest {
  private static final ObjectMapper MAPPER = SocketIoJson.newMapper();

  @FuzzTest(maxDuration = "5s")
  void message(byte[] bytes) {
    JsonNode tree;
    try {
      tree = bytes.length > 0 && bytes[0] == '{' ? MAPPER.readTree(bytes) : MsgpackReader.decode(bytes);
    } catch (IOException | MsgpackFormatException refused) {
      return;
    }
    ClusterMessageCodec.decode(tree);
  }
}
