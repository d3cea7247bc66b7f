package dev.sio4j.server.internal;

import dev.sio4j.server.Arguments;
import dev.sio4j.server.Event;
import dev.sio4j.server.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/** An incoming event and its one-shot acknowledgement. */
final class EventImpl implements Event {
  private final SocketImpl socket;
  private final String name;
  private final Arguments arguments;
  private final long ackId;
  private final AtomicBoolean acked = new AtomicBoolean();

  EventImpl(SocketImpl socket, String name, Arguments arguments, long ackId) {
    this.socket = socket;
    this.name = name;
    this.arguments = arguments;
    this.ackId = ackId;
  }

  @Override
  public Socket socket() {
    return socket;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Arguments arguments() {
    return arguments;
  }

  @Override
  public boolean hasAck() {
    return ackId >= 0;
  }

  @Override
  public void ack(Object... args) {
    // the reference ignores a second call of the ack callback
    if (ackId >= 0 && acked.compareAndSet(false, true)) {
      socket.sendAck(ackId, args);
    }
  }

  @Override
  public String toString() {
    return "Event{" + name + ", " + arguments + (hasAck() ? ", ack " + ackId : "") + "}";
  }
}
