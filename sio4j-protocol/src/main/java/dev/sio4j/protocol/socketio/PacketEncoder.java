package dev.sio4j.protocol.socketio;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;

/**
 * Turns a {@link SocketIoPacket} into the Engine.IO MESSAGE packets that carry it, as one {@link SocketIoParser}
 * encodes. Made by {@link SocketIoParser#newEncoder}.
 *
 * <p>Stateless and thread-safe: one encoder serves a whole server or client. The returned list and the bytes in it are
 * never changed afterwards, so a broadcast encodes once and every recipient sends the same packets.
 */
@FunctionalInterface
public interface PacketEncoder {
  /** {@code packet} as the Engine.IO MESSAGE packets to send, in order. */
  List<EngineIoPacket> encode(SocketIoPacket packet);
}
