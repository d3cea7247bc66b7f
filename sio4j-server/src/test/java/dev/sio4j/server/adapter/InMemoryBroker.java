package dev.sio4j.server.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sio4j.protocol.socketio.SocketIoJson;
import dev.sio4j.server.adapter.ClusterMessage.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A pub/sub broker inside the JVM, for the cluster adapter's own logic: each message is written in the reference's
 * cluster format (JSON bytes, as {@link ClusterMessageCodec} makes them) and delivered, in order, on each subscriber's
 * own thread, as a broker's subscription would. A node can be cut off (it neither hears nor is heard, like a hung
 * server). A node made by {@link #logNode} keeps recovery in the broker ({@code sharedRecovery}): the broker numbers
 * each broadcast without acks ({@code <n>-0}, as a log would) and hands that offset to the sender and every receiver.
 */
final class InMemoryBroker implements AutoCloseable {
  private final ObjectMapper mapper = SocketIoJson.newMapper();
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();

  /** A heartbeat node of {@code namespace} on this broker; not yet initialized. */
  Node node(AdapterNamespace namespace, ClusterAdapterOptions options) {
    Node node = new Node(namespace, options, false);
    nodes.add(node);
    return node;
  }

  /** A heartbeat node of {@code namespace} whose broadcasts get their offsets from the broker; not yet initialized. */
  Node logNode(AdapterNamespace namespace, ClusterAdapterOptions options) {
    Node node = new Node(namespace, options, true);
    nodes.add(node);
    return node;
  }

  @Override
  public void close() {
    nodes.forEach(n -> n.thread.shutdownNow());
  }

  private byte[] encode(String uid, String nsp, ClusterMessage message) {
    try {
      return mapper.writeValueAsBytes(ClusterMessageCodec.encode(uid, nsp, message));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(Node from, byte[] bytes, String offset, Function<Node, Boolean> to) {
    if (from.cutOff) {
      return;
    }
    for (Node node : nodes) {
      if (!node.cutOff && to.apply(node)) {
        node.thread.execute(() -> node.receive(bytes, offset));
      }
    }
  }

  /** A cluster node whose broker is this one. */
  final class Node extends ClusterAdapterWithHeartbeat {
    final ExecutorService thread = Executors.newSingleThreadExecutor();
    volatile boolean cutOff;
    private final boolean log;

    Node(AdapterNamespace namespace, ClusterAdapterOptions options, boolean log) {
      super(namespace, options, log);
      this.log = log;
    }

    @Override
    protected CompletableFuture<Void> doPublish(ClusterMessage message) {
      return doPublishAndReturnOffset(message).thenApply(offset -> null);
    }

    @Override
    protected CompletableFuture<String> doPublishAndReturnOffset(ClusterMessage message) {
      String offset = log && message instanceof ClusterMessage.Broadcast b && b.requestId() == null
          ? sequence.incrementAndGet() + "-0" : null;
      send(this, encode(uid(), namespace.name(), message), offset, node -> true);
      return CompletableFuture.completedFuture(offset);
    }

    @Override
    protected CompletableFuture<Void> doPublishResponse(String requesterUid, Response response) {
      send(this, encode(uid(), namespace.name(), response), null, node -> node.uid().equals(requesterUid));
      return CompletableFuture.completedFuture(null);
    }

    void receive(byte[] bytes, String offset) {
      try {
        JsonNode tree = mapper.readTree(bytes);
        ClusterMessageCodec.Envelope envelope = ClusterMessageCodec.decode(tree);
        if (envelope != null && namespace.name().equals(envelope.nsp())) {
          onMessage(envelope.uid(), envelope.message(), offset);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
