package dev.sio4j.engine.internal;

import dev.sio4j.protocol.engineio.EngineIoPacket;
import java.util.List;

/**
 * What a session needs of a transport (the reference's {@code transport.ts}): a name, whether it can write now,
 * send, close. Methods are called inside the owning session's serial executor.
 */
abstract class Transport {

  /** {@code polling} or {@code websocket}. */
  abstract String name();

  /** Whether {@link #send} would write now (a GET is waiting; the WebSocket is open). */
  abstract boolean canSend();

  /** Whether the layer under has room (WebSocket below its high-water mark). */
  abstract boolean hasRoom();

  /**
   * Writes {@code packets}; {@code written} runs once they are on their way. Only when {@link #canSend()}. For
   * polling, only the packets that fit the response are taken: returns how many were written.
   */
  abstract int send(List<EngineIoPacket> packets, boolean compress, Runnable written);

  /**
   * Closes the transport. {@code last} is the packet a waiting long-polling GET is answered with (CLOSE, or NOOP when
   * the client asked to close), or {@code null} to answer it with nothing more.
   */
  abstract void close(EngineIoPacket last);
}
