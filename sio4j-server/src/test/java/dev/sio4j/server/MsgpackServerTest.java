package dev.sio4j.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoPacketType;
import dev.sio4j.protocol.socketio.SocketIoParser;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server with the msgpack parser ({@code ServerOptions.parser}): packets in and out are single binary messages,
 * a broadcast's one message is shared by its recipients, and a message that is not a msgpack packet closes its own
 * connection with "parse error", nobody else's.
 */
class MsgpackServerTest {
  private static final JsonNodeFactory N = JsonNodeFactory.instance;
  private final SocketIoServer io = SocketIoServer.create(ServerOptions.builder().parser(SocketIoParser.msgpack())
      .build());
  private final PacketEncoder client = SocketIoParser.msgpack().newEncoder(SocketIoJson.newMapper());
  private final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();

  MsgpackServerTest() {
    io.onConnection(sockets::add);
  }

  @AfterEach
  void close() {
    io.close();
  }

  private TestEngineSocket connect() throws Exception {
    TestEngineSocket engine = new TestEngineSocket(io.engineListener());
    send(engine, SocketIoPacket.connect("/", null));
    JsonNode answer = MsgpackReader.decode(engine.next().binary());
    assertEquals(0, answer.get("type").intValue());
    assertTrue(answer.get("data").get("sid").isTextual(), answer.toString());
    assertTrue(sockets.poll(5, TimeUnit.SECONDS) != null);
    return engine;
  }

  private void send(TestEngineSocket engine, SocketIoPacket packet) {
    for (EngineIoPacket message : client.encode(packet)) {
      engine.receive(message.binary());
    }
  }

  @Test
  void eventsAndAcksTravelAsOneBinaryMessageEach() throws Exception {
    io.onConnection(socket -> socket.on("echo", event -> event.ack(event.args())));
    TestEngineSocket engine = connect();
    send(engine, SocketIoPacket.event("/", N.arrayNode().add("echo").add(1.5).add(new byte[] {7, 8}), 3));
    EngineIoPacket message = engine.next();
    assertTrue(message.isBinary());
    JsonNode ack = MsgpackReader.decode(message.binary());
    // the reference server's ACK: {id, type, data, nsp}
    List<String> keys = new java.util.ArrayList<>();
    ack.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("id", "type", "data", "nsp"), keys);
    assertEquals(3, ack.get("id").intValue());
    assertEquals(SocketIoPacketType.ACK.code() - '0', ack.get("type").intValue());
    assertEquals(1.5, ack.get("data").get(0).doubleValue());
    assertArrayEquals(new byte[] {7, 8}, ack.get("data").get(1).binaryValue());
  }

  @Test
  void aBroadcastIsEncodedOnceAndItsBytesShared() throws Exception {
    TestEngineSocket first = connect();
    TestEngineSocket second = connect();
    io.emit("news", "hello", new byte[] {1});
    byte[] one = first.next().binary();
    byte[] other = second.next().binary();
    assertSame(one, other, "one encoding, the same bytes for each recipient");
    assertEquals("83a47479706502a46461746193a46e657773a568656c6c6fc40101a36e7370a12f", HexFormat.of().formatHex(one));
  }

  @Test
  void aMessageThatIsNotAMsgpackPacketClosesItsConnectionOnly() throws Exception {
    BlockingQueue<DisconnectReason> reasons = new LinkedBlockingQueue<>();
    io.onConnection(socket -> socket.onDisconnect((s, reason) -> reasons.add(reason)));
    TestEngineSocket bystander = connect();
    byte[][] bad = {
        HexFormat.of().parseHex("93"), // truncated
        HexFormat.of().parseHex("82a47479706505a36e7370a12f"), // BINARY_EVENT: no such type in msgpack
        HexFormat.of().parseHex("83a47479706502a46461746191a7636f6e6e656374a36e7370a12f"), // reserved "connect"
    };
    for (byte[] message : bad) {
      TestEngineSocket engine = connect();
      engine.receive(message);
      engine.awaitClosed();
      assertEquals(DisconnectReason.PARSE_ERROR, reasons.poll(5, TimeUnit.SECONDS));
    }
    TestEngineSocket text = connect();
    text.receive("2[\"a JSON packet\"]");
    text.awaitClosed();
    assertEquals(DisconnectReason.PARSE_ERROR, reasons.poll(5, TimeUnit.SECONDS));
    assertTrue(bystander.isOpen());
    io.emit("still", "here");
    assertEquals("still", MsgpackReader.decode(bystander.next().binary()).get("data").get(0).textValue());
  }
}
