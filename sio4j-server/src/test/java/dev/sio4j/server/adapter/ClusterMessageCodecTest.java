package dev.sio4j.server.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.server.adapter.ClusterMessage.Broadcast;
import dev.sio4j.server.adapter.ClusterMessage.DisconnectSockets;
import dev.sio4j.server.adapter.ClusterMessage.FetchSockets;
import dev.sio4j.server.adapter.ClusterMessage.Heartbeat;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmit;
import dev.sio4j.server.adapter.ClusterMessage.ServerSideEmitResponse;
import dev.sio4j.server.adapter.ClusterMessageCodec.Envelope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reference's cluster format ({@code socket.io-adapter} {@code cluster-adapter.ts}): messages as a Node server
 * writes them (JSON.stringify of {@code {type, data, uid, nsp}}) read as typed messages, and written back with the
 * same fields; malformed ones dropped.
 */
class ClusterMessageCodecTest {
  private final ObjectMapper mapper = SocketIoJson.newMapper();

  private Envelope decode(String json) throws Exception {
    return ClusterMessageCodec.decode(mapper.readTree(json));
  }

  @Test
  void readsWhatANodeServerWrites() throws Exception {
    Envelope broadcast = decode("{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"e\",1],\"nsp\":\"/\"},"
        + "\"opts\":{\"rooms\":[\"red\"],\"except\":[\"blue\"],\"flags\":{\"volatile\":true}}},"
        + "\"uid\":\"9f2c4a1b7d3e5f60\",\"nsp\":\"/\"}");
    assertEquals("9f2c4a1b7d3e5f60", broadcast.uid());
    assertEquals("/", broadcast.nsp());
    Broadcast b = assertInstanceOf(Broadcast.class, broadcast.message());
    assertEquals("[\"e\",1]", b.packet().data().toString());
    assertEquals(new BroadcastOptions(Set.of("red"), Set.of("blue"), true, true, false, 0), b.options());
    assertNull(b.requestId());

    assertEquals(new Heartbeat(true), decode("{\"type\":1,\"uid\":\"u\",\"nsp\":\"/\"}").message());
    assertEquals(new DisconnectSockets(BroadcastOptions.ALL, true),
        decode("{\"type\":6,\"data\":{\"opts\":{\"rooms\":[],\"except\":[]},\"close\":true},\"uid\":\"u\","
            + "\"nsp\":\"/\"}").message());
    assertEquals(new ServerSideEmit(List.of(TextNode.valueOf("ask"), mapper.getNodeFactory().numberNode(8)), "r"),
        decode("{\"type\":9,\"data\":{\"requestId\":\"r\",\"packet\":[\"ask\",8]},\"uid\":\"u\",\"nsp\":\"/\"}")
            .message());
    assertEquals(new ServerSideEmitResponse("r", TextNode.valueOf("node:8")),
        decode("{\"type\":10,\"data\":{\"requestId\":\"r\",\"packet\":\"node:8\"},\"uid\":\"u\",\"nsp\":\"/\"}")
            .message());
  }

  @Test
  void writesTheReferenceFields() {
    assertEquals("{\"uid\":\"me\",\"nsp\":\"/\",\"type\":7,\"data\":{\"opts\":{\"rooms\":[\"red\"],\"except\":[],"
        + "\"flags\":{\"compress\":true,\"timeout\":500}},\"requestId\":\"r1\"}}",
        ClusterMessageCodec.encode("me", "/", new FetchSockets(
            new BroadcastOptions(Set.of("red"), Set.of(), false, true, false, 500), "r1")).toString());
    assertEquals("{\"uid\":\"me\",\"nsp\":\"/\",\"type\":13}",
        ClusterMessageCodec.encode("me", "/", new ClusterMessage.AdapterClose()).toString());
    SocketIoPacket packet = SocketIoPacket.event("/", mapper.createArrayNode().add("e").add(new byte[] {1}),
        SocketIoPacket.NO_ACK);
    var tree = ClusterMessageCodec.encode("me", "/", new Broadcast(packet, BroadcastOptions.ALL, null));
    assertTrue(ClusterMessageCodec.hasBinary(tree), "binary: the sharded adapter writes it as msgpack");
    assertFalse(ClusterMessageCodec.hasBinary(mapper.createArrayNode().add("e")));
    assertThrows(IllegalArgumentException.class,
        () -> ClusterMessageCodec.encode("me", "/", new ClusterMessage() {}));
  }

  @Test
  void dropsWhatIsMalformed() throws Exception {
    assertNull(decode("[1,2]"));
    assertNull(decode("{\"type\":99,\"uid\":\"u\",\"nsp\":\"/\"}"));
    assertNull(decode("{\"type\":3,\"data\":\"x\",\"uid\":\"u\",\"nsp\":\"/\"}"));
    // an operation without its targets would reach every socket: dropped
    assertNull(decode("{\"type\":6,\"data\":{\"close\":true},\"uid\":\"u\",\"nsp\":\"/\"}"));
    assertNull(decode("{\"type\":7,\"data\":{\"opts\":{\"rooms\":[]}},\"uid\":\"u\",\"nsp\":\"/\"}"));
    // a packet of another namespace
    assertNull(decode("{\"type\":3,\"data\":{\"packet\":{\"type\":2,\"data\":[\"e\"],\"nsp\":\"/x\"},"
        + "\"opts\":{\"rooms\":[],\"except\":[]}},\"uid\":\"u\",\"nsp\":\"/\"}"));
  }
}
