package dev.sio4j.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sio4j.protocol.engineio.EngineIoPacket;
import dev.sio4j.protocol.socketio.SocketIoEncoder;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ConnectionStateRecovery;
import dev.sio4j.server.adapter.AdapterNamespace;
import dev.sio4j.server.adapter.BroadcastOptions;
import dev.sio4j.server.adapter.LocalSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A namespace for the adapters' wire tests, with no server behind it: each socket id names a socket that records
 * what it is delivered into {@code delivered} ({@code "<id> <packet>"}, with {@code " @<offset>"} when recovery is on);
 * server-side emits with an ack are answered {@code "pong:<event>"} when {@code answers}, else never.
 */
final class RecordingNamespace implements AdapterNamespace {
  private final String name;
  private final ObjectMapper mapper;
  private final ScheduledExecutorService scheduler;
  private final BlockingQueue<String> delivered;
  private final boolean recovery;
  private final boolean answers;
  private final AtomicLong ids = new AtomicLong();

  RecordingNamespace(String name, ObjectMapper mapper, ScheduledExecutorService scheduler,
      BlockingQueue<String> delivered, boolean recovery, boolean answers) {
    this.name = name;
    this.mapper = mapper;
    this.scheduler = scheduler;
    this.delivered = delivered;
    this.recovery = recovery;
    this.answers = answers;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<ConnectionStateRecovery> connectionStateRecovery() {
    return recovery
        ? Optional.of(ConnectionStateRecovery.builder().maxDisconnectionDuration(Duration.ofMinutes(2)).build())
        : Optional.empty();
  }

  @Override
  public LocalSocket socket(String id) {
    return new LocalSocket() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public dev.sio4j.server.Socket socket() {
        throw new UnsupportedOperationException("not needed here");
      }

      @Override
      public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions o) {
        return deliver(packets, o, null);
      }

      @Override
      public boolean deliver(List<EngineIoPacket> packets, BroadcastOptions o, String offset) {
        delivered.add(id + " " + packets.get(0).text() + (recovery ? " @" + offset : ""));
        return true;
      }

      @Override
      public void expectAck(long ackId, Consumer<Arguments> ack) {}
    };
  }

  @Override
  public SocketIoEncoder encoder() {
    return new SocketIoEncoder(mapper);
  }

  @Override
  public ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public long nextAckId() {
    return ids.getAndIncrement();
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public String newId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }

  @Override
  public void receiveServerSideEmit(String event, Arguments args) {}

  @Override
  public void receiveServerSideEmit(String event, Arguments args, Consumer<JsonNode> ack) {
    if (answers) {
      ack.accept(TextNode.valueOf("pong:" + event));
    }
  }
}
