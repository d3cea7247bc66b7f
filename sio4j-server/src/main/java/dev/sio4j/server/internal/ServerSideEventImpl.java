package dev.sio4j.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ServerSideEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** An event of another server, answered at most once (the reference's callback ignores later calls). */
final class ServerSideEventImpl implements ServerSideEvent {
  private final String name;
  private final Arguments arguments;
  private final Consumer<JsonNode> ack;
  private final ObjectMapper mapper;
  private final AtomicBoolean answered = new AtomicBoolean();

  /** {@code ack} is null when the sender waits for no answer. */
  ServerSideEventImpl(String name, Arguments arguments, Consumer<JsonNode> ack, ObjectMapper mapper) {
    this.name = name;
    this.arguments = arguments;
    this.ack = ack;
    this.mapper = mapper;
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
    return ack != null;
  }

  @Override
  public void ack(Object value) {
    if (ack != null && answered.compareAndSet(false, true)) {
      ack.accept(Values.toNode(mapper, value));
    }
  }
}
