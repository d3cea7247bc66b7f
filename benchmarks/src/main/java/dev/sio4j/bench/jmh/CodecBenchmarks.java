package dev.sio4j.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sio4j.protocol.engineio.EngineIoCodec;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoDecoder;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.protocol.socketio.PacketDecoder;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.protocol.socketio.SocketIoPacket;
import dev.sio4j.protocol.socketio.SocketIoParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro-benchmarks of the codecs on the hot path: encode and decode of a text event and of an event with a binary
 * attachment (Socket.IO over Engine.IO, as a WebSocket frame carries it), and a broadcast to 1,000 sockets: encoded
 * once and the same bytes wrapped for each socket's WebSocket frame, next to encoding it for each socket (what a
 * broadcast must not do). The same text event and a mixed event (a map of numbers, strings and booleans, and a binary
 * value) through the msgpack parser ({@code *Msgpack}) next to the default JSON parser ({@code *Json}): one binary
 * frame each for msgpack, a text frame and an attachment frame for JSON.
 *
 * <p>Run: {@code benchmarks/jmh.sh} (all), or {@code benchmarks/jmh.sh CodecBenchmarks.decodeText -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmarks {
  /** Characters of the event's string argument. */
  @Param({"32"})
  public int textSize;

  /** Bytes of the binary attachment. */
  @Param({"1024"})
  public int binarySize;

  /** Recipients of the broadcast. */
  @Param({"1000"})
  public int sockets;

  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final SocketIoEncoder encoder = new SocketIoEncoder(mapper);
  private SocketIoPacket textEvent;
  private SocketIoPacket binaryEvent;
  private byte[] textFrame;
  private String binaryText;
  private byte[] binaryFrame;
  private SocketIoDecoder decoder;
  private Blackhole sink;

  private final PacketEncoder msgpackEncoder = SocketIoParser.msgpack().newEncoder(mapper);
  private PacketDecoder msgpackDecoder;
  private SocketIoPacket mixedEvent;
  private String mixedText;
  private byte[] mixedAttachment;
  private byte[] textMsgpack;
  private byte[] mixedMsgpack;

  @Setup
  public void setUp(Blackhole blackhole) {
    sink = blackhole;
    ArrayNode text = mapper.createArrayNode().add("chat message").add("x".repeat(textSize));
    textEvent = SocketIoPacket.event(SocketIoPacket.MAIN_NAMESPACE, text, SocketIoPacket.NO_ACK);
    ArrayNode binary = mapper.createArrayNode().add("upload").add(mapper.getNodeFactory().binaryNode(new byte[binarySize]));
    binaryEvent = SocketIoPacket.event(SocketIoPacket.MAIN_NAMESPACE, binary, SocketIoPacket.NO_ACK);
    textFrame = encoder.encode(textEvent).get(0).utf8Frame();
    List<EngineIoPacket> parts = encoder.encode(binaryEvent);
    binaryText = new String(parts.get(0).utf8Frame(), StandardCharsets.UTF_8);
    binaryFrame = parts.get(1).binary();
    decoder = new SocketIoDecoder(mapper, SocketIoDecoder.DEFAULT_MAX_ATTACHMENTS, blackhole::consume);

    ArrayNode mixed = mapper.createArrayNode().add("update");
    mixed.addObject().put("id", 12345).put("name", "sensor-7").put("ok", true).put("ratio", 0.75)
        .putArray("values").add(1.5).add(2.25).add(-3).add(1_000_000).add(70_000L * 70_000L);
    mixed.add(mapper.getNodeFactory().binaryNode(new byte[binarySize]));
    mixedEvent = SocketIoPacket.event(SocketIoPacket.MAIN_NAMESPACE, mixed, SocketIoPacket.NO_ACK);
    List<EngineIoPacket> mixedParts = encoder.encode(mixedEvent);
    mixedText = new String(mixedParts.get(0).utf8Frame(), StandardCharsets.UTF_8);
    mixedAttachment = mixedParts.get(1).binary();
    textMsgpack = msgpackEncoder.encode(textEvent).get(0).binary();
    mixedMsgpack = msgpackEncoder.encode(mixedEvent).get(0).binary();
    msgpackDecoder = SocketIoParser.msgpack().newDecoder(mapper, SocketIoDecoder.DEFAULT_MAX_ATTACHMENTS,
        blackhole::consume);
  }

  /** The text event through the msgpack parser: one binary frame. */
  @Benchmark
  public byte[] encodeTextMsgpack() {
    return msgpackEncoder.encode(textEvent).get(0).binary();
  }

  /** The text event's binary frame to a packet, through the msgpack parser. */
  @Benchmark
  public void decodeTextMsgpack() throws Exception {
    msgpackDecoder.add(EngineIoCodec.decodeBinaryFrame(textMsgpack).binary());
  }

  /** The mixed event through the JSON parser: its text frame and its attachment frame. */
  @Benchmark
  public void encodeMixedJson(Blackhole bh) {
    List<EngineIoPacket> parts = encoder.encode(mixedEvent);
    bh.consume(parts.get(0).utf8Frame());
    bh.consume(parts.get(1).binary());
  }

  /** The mixed event through the msgpack parser: one binary frame. */
  @Benchmark
  public byte[] encodeMixedMsgpack() {
    return msgpackEncoder.encode(mixedEvent).get(0).binary();
  }

  /** The mixed event's text frame and attachment frame to a packet, through the JSON parser. */
  @Benchmark
  public void decodeMixedJson() throws Exception {
    decoder.add(EngineIoCodec.decodeText(mixedText).text());
    decoder.add(EngineIoCodec.decodeBinaryFrame(mixedAttachment).binary());
  }

  /** The mixed event's binary frame to a packet, through the msgpack parser. */
  @Benchmark
  public void decodeMixedMsgpack() throws Exception {
    msgpackDecoder.add(EngineIoCodec.decodeBinaryFrame(mixedMsgpack).binary());
  }

  /** A text event to the bytes of its WebSocket text frame. */
  @Benchmark
  public byte[] encodeText() {
    return encoder.encode(textEvent).get(0).utf8Frame();
  }

  /** An event with a binary attachment to its text frame and its binary frame. */
  @Benchmark
  public void encodeBinary(Blackhole bh) {
    List<EngineIoPacket> parts = encoder.encode(binaryEvent);
    bh.consume(parts.get(0).utf8Frame());
    bh.consume(parts.get(1).binary());
  }

  /** The bytes of a WebSocket text frame to a Socket.IO packet (UTF-8, Engine.IO, then Socket.IO and its JSON). */
  @Benchmark
  public void decodeText() throws Exception {
    EngineIoPacket packet = EngineIoCodec.decodeText(new String(textFrame, StandardCharsets.UTF_8));
    decoder.add(packet.text());
  }

  /** A binary event's text frame and attachment frame to one Socket.IO packet. */
  @Benchmark
  public void decodeBinary() throws Exception {
    decoder.add(EngineIoCodec.decodeText(binaryText).text());
    decoder.add(EngineIoCodec.decodeBinaryFrame(binaryFrame).binary());
  }

  /** A broadcast as it should be: encoded once, one buffer shared by every recipient's frame. */
  @Benchmark
  public void broadcastEncodeOnce() {
    ByteBuf shared = Unpooled.wrappedBuffer(encoder.encode(textEvent).get(0).utf8Frame());
    for (int i = 0; i < sockets; i++) {
      TextWebSocketFrame frame = new TextWebSocketFrame(shared.retainedDuplicate());
      sink.consume(frame);
      frame.release();
    }
    shared.release();
  }

  /** The baseline: the same broadcast encoded for each recipient. */
  @Benchmark
  public void broadcastEncodeEach() {
    for (int i = 0; i < sockets; i++) {
      TextWebSocketFrame frame = new TextWebSocketFrame(Unpooled.wrappedBuffer(encoder.encode(textEvent).get(0).utf8Frame()));
      sink.consume(frame);
      frame.release();
    }
  }
}
