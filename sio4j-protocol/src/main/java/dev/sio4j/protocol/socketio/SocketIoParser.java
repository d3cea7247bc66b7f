package dev.sio4j.protocol.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;

/**
 * A Socket.IO parser: how packets are written into Engine.IO messages and read back. Both ends of a connection must
 * use the same one, as with the reference's {@code parser} option of the server and the client.
 *
 * <ul>
 *   <li>{@link #json()}, the default: the protocol's own text encoding (socket.io-protocol, "Packet encoding"), with
 *       binary values sent as attachments ({@link SocketIoEncoder}, {@link SocketIoDecoder}); the reference's
 *       {@code socket.io-parser};
 *   <li>{@link #msgpack()}: each packet one binary message holding a MessagePack map, binary inline, byte for byte as
 *       {@code socket.io-msgpack-parser} 3.x ({@link MsgpackParser}).
 * </ul>
 *
 * <p>A parser is immutable and thread-safe; it makes one stateless encoder per server or client and one decoder per
 * Engine.IO session.
 */
public interface SocketIoParser {
  /** The parser's short name ({@code "json"}, {@code "msgpack"}), for logs and for picking the browser bundle. */
  String name();

  /**
   * An encoder.
   *
   * @param mapper the server's or client's Jackson mapper (writes JSON, converts POJO nodes)
   */
  PacketEncoder newEncoder(ObjectMapper mapper);

  /**
   * A decoder for one Engine.IO session.
   *
   * @param mapper the server's or client's Jackson mapper (reads JSON, makes the tree's nodes)
   * @param maxAttachments the most binary attachments one packet may announce, for a parser that sends binary values
   *     as attachments (the JSON one); a parser that writes them inline ignores it
   * @param sink receives each complete packet
   */
  PacketDecoder newDecoder(ObjectMapper mapper, int maxAttachments, Consumer<SocketIoPacket> sink);

  /** The default parser: Socket.IO's text packets, binary values as attachments ({@code socket.io-parser}). */
  static SocketIoParser json() {
    return JsonPacketParser.INSTANCE;
  }

  /** The MessagePack parser of {@code socket.io-msgpack-parser} 3.x, with its default limits. */
  static SocketIoParser msgpack() {
    return MsgpackParser.DEFAULT;
  }

  /**
   * The parser named {@code name}: {@code "json"} (also {@code "default"}) or {@code "msgpack"}, case-insensitive.
   *
   * @throws IllegalArgumentException for any other name
   */
  static SocketIoParser named(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "json", "default" -> json();
      case "msgpack" -> msgpack();
      default -> throw new IllegalArgumentException("unknown parser \"" + name + "\": json or msgpack");
    };
  }
}
