package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.msgpack.MsgpackReader;
import java.util.function.Consumer;

/**
 * The MessagePack parser, byte for byte as {@code socket.io-msgpack-parser} 3.x (which writes with
 * {@code notepack.io}): each packet is ONE binary Engine.IO message holding a map, binary values inline as msgpack
 * bin, never attachments nor the BINARY_EVENT and BINARY_ACK types.
 *
 * <p>The map holds {@code type} (0 to 4), {@code data} when the packet has some, {@code id} when it carries an ack id,
 * and {@code nsp}, in the order the reference server writes them: {@code type, data, nsp} for CONNECT and
 * CONNECT_ERROR, {@code type, nsp} for DISCONNECT, {@code type, data, id, nsp} for EVENT, {@code id, type, data, nsp}
 * for ACK. Numbers, strings and binary follow notepack ({@link dev.sio4j.protocol.msgpack.MsgpackWriter}).
 *
 * <p>Decoding accepts the keys in any order and ignores unknown ones (the reference client adds {@code options}), reads
 * every msgpack format ({@link MsgpackReader}: notepack's {@code undefined} is a missing key, so a CONNECT with
 * {@code data: undefined} has no data), and checks what the reference decoder checks (type an integer from 0 to 4,
 * {@code nsp} a string, {@code data} fitting the type, {@code id} an integer), plus what sio4j's JSON decoder
 * checks: an EVENT names a non-reserved event, an ack id is a safe integer. Anything else is a
 * {@link SocketIoParseException}.
 *
 * <p>Immutable and thread-safe. The size of a message is bounded by the engine's {@code maxPayload}; the nesting of
 * its data by {@link Builder#maxDepth}.
 */
public final class MsgpackParser implements SocketIoParser {
  static final MsgpackParser DEFAULT = builder().build();

  private final int maxDepth;

  private MsgpackParser(Builder b) {
    this.maxDepth = b.maxDepth;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The deepest nesting of arrays and maps accepted in a packet, the packet's own map included. */
  public int maxDepth() {
    return maxDepth;
  }

  @Override
  public String name() {
    return "msgpack";
  }

  @Override
  public PacketEncoder newEncoder(ObjectMapper mapper) {
    return new MsgpackPacketEncoder(mapper);
  }

  @Override
  public PacketDecoder newDecoder(ObjectMapper mapper, int maxAttachments, Consumer<SocketIoPacket> sink) {
    return new MsgpackPacketDecoder(new MsgpackReader(mapper.getNodeFactory(), maxDepth), sink);
  }

  @Override
  public String toString() {
    return "msgpack";
  }

  /** Builds a {@link MsgpackParser}; each setter validates its value. */
  public static final class Builder {
    private int maxDepth = MsgpackReader.DEFAULT_MAX_DEPTH;

    private Builder() {}

    /**
     * The deepest nesting of arrays and maps accepted in an incoming packet, its own map included (default 128,
     * {@link MsgpackReader#DEFAULT_MAX_DEPTH}; the reference has none and fails with a stack overflow). A deeper packet
     * is a parse error: nesting costs the decoding thread's stack, about 0.5 KB a level.
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 2) {
        throw new IllegalArgumentException("maxDepth must be at least 2 (the packet and its data): " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /** The parser. */
    public MsgpackParser build() {
      return new MsgpackParser(this);
    }
  }
}
