package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.PacketEncoder;
import dev.sio4j.server.Arguments;
import dev.sio4j.server.ConnectionStateRecovery;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** The namespace, as its adapter sees it. Thread-safe. */
public interface AdapterNamespace {
  /** The namespace name. */
  String name();

  /** The connected socket {@code id} of this server, or {@code null}. */
  LocalSocket socket(String id);

  /** Encodes packets with the server's parser (one encoding per broadcast, shared by its recipients). */
  PacketEncoder encoder();

  /** The mapper of the server (binds {@link Arguments}). */
  ObjectMapper mapper();

  /** A fresh acknowledgement id for a broadcast with ack. */
  long nextAckId();

  /** The server's connection state recovery options, empty when recovery is off. */
  default Optional<ConnectionStateRecovery> connectionStateRecovery() {
    return Optional.empty();
  }

  /** The server clock's current time in epoch milliseconds (expiry of kept sessions and packets). */
  default long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  /**
   * The server's scheduler, for an adapter's periodic work (expiry of kept state, a cluster's heartbeats). Tasks must
   * be short and never block: they share one thread with every timer of the server.
   */
  ScheduledExecutorService scheduler();

  /** A fresh random id of the server's generator (20 URL-safe characters). */
  String newId();

  /** Delivers an event another server sent with {@code serverSideEmit} to this namespace's listeners. */
  void receiveServerSideEmit(String event, Arguments args);

  /**
   * Delivers an event another server sent with {@code serverSideEmitWithAck}: {@code ack} gets the first answer a
   * listener gives (called at most once, from any thread; never when no listener answers, and the sender then times
   * out, as with the reference).
   */
  void receiveServerSideEmit(String event, Arguments args, Consumer<JsonNode> ack);
}
